package io.runbook.lab.tetrate;

/**
 * The recovery-relevant variants of a scenario ({@code lab_signing_key_backup}, {@code lab_root_ca},
 * {@code lab_postgres}, {@code lab_elastic}).
 *
 * @param signingKeyBackupPresent the backup folder holds the old {@code iam-signing-key}
 * @param sameRootCa the new MP's certificate chains to the root CA the control planes trust
 * @param stores what is wrong with the external Postgres and Elasticsearch, if anything
 */
public record Variants(boolean signingKeyBackupPresent, boolean sameRootCa, ExternalStores stores) {

  /** Healthy external stores. */
  public Variants(boolean signingKeyBackupPresent, boolean sameRootCa) {
    this(signingKeyBackupPresent, sameRootCa, ExternalStores.defaults());
  }

  /** The default: key backup present, same root CA, healthy stores. */
  public static Variants defaults() {
    return new Variants(true, true);
  }

  /** From the inventory spelling: {@code present|lost} and {@code same|different}. */
  public static Variants of(String signingKeyBackup, String rootCa) {
    return of(signingKeyBackup, rootCa, "ok", "ok");
  }

  /** From the inventory spelling, with {@code lab_postgres} and {@code lab_elastic}. */
  public static Variants of(String signingKeyBackup, String rootCa, String postgres, String elastic) {
    boolean present = switch (signingKeyBackup) {
      case "present" -> true;
      case "lost" -> false;
      default -> throw new IllegalArgumentException("lab_signing_key_backup must be present or lost, not '"
          + signingKeyBackup + "'");
    };
    boolean same = switch (rootCa) {
      case "same" -> true;
      case "different" -> false;
      default -> throw new IllegalArgumentException("lab_root_ca must be same or different, not '" + rootCa + "'");
    };
    return new Variants(present, same, ExternalStores.of(postgres, elastic));
  }
}
