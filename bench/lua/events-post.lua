-- wrk script: POST /v1/events with BATCH (1) purchase events per request, for members drawn at random
-- from IDS_FILE, each event with a fresh id (the wrk thread's number, its start time and a counter:
-- never a duplicate, so every event is folded). API key from API_KEY; DELAY_MS > 0 paces each
-- connection, as in member-get.lua. BATCH 1 posts one event object, more posts {"events": [...]}.
local ids = {}
local key = os.getenv("API_KEY") or ""
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local batch = tonumber(os.getenv("BATCH") or "1")
local counter = 0
local prefix = ""
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

function init(args)
  for line in io.lines(os.getenv("IDS_FILE")) do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + (thread_no or 0))
  prefix = string.format("wrk-%d-%d-%d-", os.time(), thread_no or 0, math.random(1, 1e9))
end

local function event()
  counter = counter + 1
  local id = ids[math.random(1, #ids)]
  return string.format(
    '{"event_id":"%s%d","customer_id":"%s","ts":"%s","type":"purchase","amount":%d.50,'
      .. '"category":"coffee","channel":"app"}',
    prefix, counter, id, os.date("!%Y-%m-%dT%H:%M:%SZ"), math.random(1, 90))
end

function request()
  local body
  if batch <= 1 then
    body = event()
  else
    local parts = {}
    for i = 1, batch do
      parts[i] = event()
    end
    body = '{"events":[' .. table.concat(parts, ",") .. ']}'
  end
  return wrk.format("POST", "/v1/events", { ["X-Api-Key"] = key, ["Content-Type"] = "application/json" }, body)
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end
