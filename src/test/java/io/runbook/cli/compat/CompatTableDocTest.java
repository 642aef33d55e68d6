package io.runbook.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/ansible-compatibility.md's "Measured" figures (runs and targets that end as ansible-playbook's, the per-target
 * table) say what cases.yml and known-differences.yml say. {@link AnsibleCompatTest} keeps known-differences.yml exact
 * (a listed run must still differ, an unlisted one must match), so the two files are the figures' source. With
 * {@code -Dcompat.writeDoc=true} the test writes the figures into the page instead of comparing them.
 */
class CompatTableDocTest {
    private static final Path PAGE = Path.of("../docs/ansible-compatibility.md").toAbsolutePath().normalize();
    private static final Pattern LINES = Pattern.compile("`AnsibleCompatTest` runs (\\d+) `ansible-playbook` command lines of (\\d+) ");
    private static final Pattern SAME = Pattern.compile("\\*\\*(\\d+) of (\\d+) runs\\*\\*(.*?)\\*\\*(\\d+) of (\\d+) targets\\*\\*");
    private static final String TABLE_INTRO = "Per target (runs matching / runs):";

    @Test
    void theMeasuredFiguresAreTheSuitesOwn() throws IOException {
        CompatSuite suite = new CompatSuite(Path.of("test/resources/ansible-compat").toAbsolutePath());
        Map<String, int[]> perTarget = new TreeMap<>();  // target -> {matching, runs}
        suite.cases.forEach((name, c) -> {
            int[] t = perTarget.computeIfAbsent(c.target(), k -> new int[2]);
            t[1]++;
            t[0] += suite.knownDifferences.containsKey(name) ? 0 : 1;
        });
        int runs = suite.cases.size();
        int same = perTarget.values().stream().mapToInt(t -> t[0]).sum();
        long targetsSame = perTarget.values().stream().filter(t -> t[0] == t[1]).count();

        String page = Files.readString(PAGE);
        String expected = page;
        expected = replaceFirst(expected, LINES, m -> "`AnsibleCompatTest` runs " + runs + " `ansible-playbook` command lines of "
                + perTarget.size() + " ");
        expected = replaceFirst(expected, SAME, m -> "**" + same + " of " + runs + " runs**" + m.group(3) + "**" + targetsSame
                + " of " + perTarget.size() + " targets**");
        int intro = expected.indexOf(TABLE_INTRO);
        assertTrue(intro >= 0, PAGE + " has no line \"" + TABLE_INTRO + "\" before the per-target table");
        int start = expected.indexOf("\n\n", intro) + 2;
        int end = expected.indexOf("\n\n", start);
        expected = expected.substring(0, start) + table(perTarget) + expected.substring(end);

        if (Boolean.getBoolean("compat.writeDoc")) {
            Files.writeString(PAGE, expected);
            return;
        }
        assertEquals(expected, page, PAGE + " says other figures than cases.yml and known-differences.yml: write them with"
                + " mvn -o test -pl src -am -Dtest=CompatTableDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dcompat.writeDoc=true");
    }

    /** Two columns of target / matching pairs, the first half of the targets (alphabetically) on the left. */
    private static String table(Map<String, int[]> perTarget) {
        List<String> cells = new ArrayList<>();
        perTarget.forEach((target, t) -> cells.add("`" + target + "` | " + t[0] + "/" + t[1]));
        int rows = (cells.size() + 1) / 2;
        StringBuilder out = new StringBuilder("| Target | Matching | | Target | Matching |\n|---|---|---|---|---|");
        for (int i = 0; i < rows; i++) {
            out.append("\n| ").append(cells.get(i)).append(" | |");
            out.append(i + rows < cells.size() ? " " + cells.get(i + rows) + " |" : " | |");
        }
        return out.toString();
    }

    private static String replaceFirst(String text, Pattern pattern, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), PAGE + " has no text matching " + pattern.pattern());
        return text.substring(0, m.start()) + with.apply(m) + text.substring(m.end());
    }
}
