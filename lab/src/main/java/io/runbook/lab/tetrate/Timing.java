package io.runbook.lab.tetrate;

import java.time.Duration;

/**
 * The Tetrate lab's clock, scaled from minutes to seconds (facts §8.1: components ~1 min after the operator,
 * central ~3 min; tokens re-issued within ~60 s).
 *
 * @param componentDelay operator ready → the first wave of MP components is created
 * @param centralDelay first wave → {@code central} is created
 * @param tokenReissueDelay a token secret found missing → re-issued (when the MP can be reached)
 * @param controlPlaneTick how often each control plane probes the MP and appends edge / operator log lines
 * @param operatorTick how soon the MP operator tries again after its cluster did not answer (otherwise it runs on
 *     changes, at each component wave, and once a second)
 */
public record Timing(Duration componentDelay, Duration centralDelay, Duration tokenReissueDelay,
    Duration controlPlaneTick, Duration operatorTick) {

  /** The contract's pace: 1 s, 2 s, 1 s, 1 s, 200 ms. */
  public static Timing standard() {
    return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofMillis(200));
  }

  /** A fast pace for tests. */
  public static Timing fast() {
    return new Timing(Duration.ofMillis(150), Duration.ofMillis(250), Duration.ofMillis(200),
        Duration.ofMillis(150), Duration.ofMillis(50));
  }
}
