-- wrk script: GET /v1/customers/{id}/ENDPOINT (default churn-risk; e.g. "rewards?limit=3") for
-- members drawn at random from IDS_FILE (one id per line), with the API key from API_KEY; an ENDPOINT
-- that starts with "/" is requested as it is (e.g. "/health/live", a floor without a member).
-- DELAY_MS > 0 paces each connection (wrk has no rate option): that is how the half-throughput
-- latency run holds its rate.
local ids = {}
local key = os.getenv("API_KEY") or ""
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local endpoint = os.getenv("ENDPOINT") or "churn-risk"

function init(args)
  for line in io.lines(os.getenv("IDS_FILE")) do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  if string.sub(endpoint, 1, 1) == "/" then
    return wrk.format("GET", endpoint, { ["X-Api-Key"] = key })
  end
  local id = ids[math.random(1, #ids)]
  return wrk.format("GET", "/v1/customers/" .. id .. "/" .. endpoint, { ["X-Api-Key"] = key })
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end
