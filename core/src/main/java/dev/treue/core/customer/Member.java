package dev.treue.core.customer;

import java.io.Serializable;

/**
 * One row of the {@code customers} table: the member's profile as the programme knows it.
 *
 * @param customerId the member id
 * @param signupEpochDay signup date as days since 1970-01-01
 * @param tier tier name at export time (see {@link TierLadder})
 * @param birthEpochDay birth date as epoch day, or {@link CustomerState#NONE} when unknown
 * @param segment marketing segment, may be null
 * @param channel acquisition channel, may be null
 * @param profilingConsent false: the member is never scored or listed
 */
public record Member(
    String customerId,
    int signupEpochDay,
    String tier,
    int birthEpochDay,
    String segment,
    String channel,
    boolean profilingConsent)
    implements Serializable {}
