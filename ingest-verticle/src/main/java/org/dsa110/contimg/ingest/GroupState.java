package org.dsa110.contimg.ingest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The life of an observation group. {@code collecting} until every subband has arrived, {@code
 * pending} until a worker claims it, {@code in_progress} while leased, then {@code completed} or
 * {@code failed}; a retryable failure and an expired lease go back to {@code pending}; an operator
 * retry re-queues a failure.
 */
public enum GroupState {
  COLLECTING,
  PENDING,
  IN_PROGRESS,
  COMPLETED,
  FAILED;

  public static final Set<String> NAMES =
      Arrays.stream(values()).map(GroupState::dbName).collect(Collectors.toUnmodifiableSet());

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static GroupState fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public boolean canMoveTo(GroupState next) {
    return successors().contains(next);
  }

  private Set<GroupState> successors() {
    return switch (this) {
      case COLLECTING -> EnumSet.of(PENDING, FAILED);
      case PENDING -> EnumSet.of(IN_PROGRESS);
      case IN_PROGRESS -> EnumSet.of(COMPLETED, PENDING, FAILED);
      case FAILED -> EnumSet.of(PENDING);
      case COMPLETED -> EnumSet.noneOf(GroupState.class);
    };
  }
}
