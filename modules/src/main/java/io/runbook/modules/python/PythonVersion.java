package io.runbook.modules.python;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package's version as PEP 440 orders it (release numbers, then a/b/rc pre-releases, post-releases and
 * dev releases; a local part after {@code +} is ignored), enough to tell whether an installed version satisfies a
 * requirement's specifiers as ansible-core's pip module asks packaging in check mode.
 */
record PythonVersion(List<Integer> release, int phase, int phaseNumber, int post, int dev) implements Comparable<PythonVersion> {
    private static final Pattern FORM = Pattern.compile("v?(?:\\d+!)?(\\d+(?:\\.\\d+)*)"
            + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d*))?"
            + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d*))?"
            + "(?:[-_.]?dev[-_.]?(\\d*))?(?:\\+[a-z0-9.]*)?", Pattern.CASE_INSENSITIVE);
    private static final int FINAL = 0;

    /** The version, or null when it is not one PEP 440 reads. */
    static PythonVersion parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        List<Integer> release = new ArrayList<>();
        for (String part : m.group(1).split("\\.")) {
            release.add(Integer.parseInt(part));
        }
        boolean pre = m.group(2) != null;
        boolean post = m.group(4) != null || m.group(5) != null;
        boolean dev = m.group(7) != null;
        int phase = FINAL;
        if (pre) {
            String p = m.group(2).toLowerCase();
            phase = p.startsWith("a") ? -3 : p.startsWith("b") ? -2 : -1;
        } else if (dev && !post) {
            phase = -4; // 1.0.dev1 comes before 1.0a1
        }
        int postNumber = !post ? -1 : number(m.group(4) != null ? m.group(4) : m.group(6));
        return new PythonVersion(release, phase, pre ? number(m.group(3)) : 0, postNumber, dev ? number(m.group(7)) : Integer.MAX_VALUE);
    }

    private static int number(String digits) {
        return digits == null || digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    @Override
    public int compareTo(PythonVersion o) {
        int c = compareRelease(o.release, Math.max(release.size(), o.release.size()));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(phase, o.phase);
        c = c != 0 ? c : Integer.compare(phaseNumber, o.phaseNumber);
        c = c != 0 ? c : Integer.compare(post, o.post);
        return c != 0 ? c : Integer.compare(dev, o.dev);
    }

    /** Compares the first {@code length} release numbers (missing ones are 0). */
    int compareRelease(List<Integer> other, int length) {
        for (int i = 0; i < length; i++) {
            int a = i < release.size() ? release.get(i) : 0;
            int b = i < other.size() ? other.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }
}
