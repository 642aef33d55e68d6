package io.runbook.modules.accounts;

/**
 * The /etc/shadow side of a user ({@code getent shadow}, or the file): the password hash, its minimum and maximum
 * age in days (-1: none) and the account's expiry in days since 1970 (-1: never). {@link #UNREADABLE} when the login
 * user may not read it, as Ansible then sees an empty hash (every password then differs, as with Ansible).
 */
record ShadowEntry(String password, int minDays, int maxDays, long expireDays) {
    static final ShadowEntry UNREADABLE = new ShadowEntry("", -1, -1, -1);

    /** The entry of a {@code name:hash:last:min:max:warn:inactive:expire:} line, {@link #UNREADABLE} when it is not one. */
    static ShadowEntry parse(String line) {
        String[] f = line.strip().split(":", -1);
        if (f.length < 8) {
            return UNREADABLE;
        }
        return new ShadowEntry(f[1], days(f[3]), days(f[4]), days(f[7]));
    }

    private static int days(String field) {
        return field.matches("-?\\d{1,9}") ? Integer.parseInt(field) : -1;
    }
}
