package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** helm pull's --version constraints, as Masterminds semver v3 reads them, and the version an index gives for each. */
class VersionConstraintTest {
    private static final List<String> VERSIONS = List.of("0.0.3", "0.1.0", "0.1.4", "0.2.0", "1.2.2", "1.2.3", "1.2.9", "1.3.0",
            "1.4.5", "1.4.6", "1.10.0", "2.0.0", "2.1.0-rc.1", "3.0.0");

    private static List<String> matching(String constraint) {
        VersionConstraint c = VersionConstraint.parse(constraint);
        return VERSIONS.stream().filter(v -> c.matches(ChartVersion.parse(v))).toList();
    }

    @Test
    void rangesWildcardsAndOperatorsSelectAsHelmDoes() {
        assertEquals(List.of("1.2.3", "1.2.9", "1.3.0", "1.4.5", "1.4.6", "1.10.0"), matching("^1.2.3"));
        assertEquals(List.of("1.2.3", "1.2.9"), matching("~1.2.3"));
        assertEquals(List.of("0.1.0", "0.1.4"), matching("^0.1"));
        assertEquals(List.of("0.0.3"), matching("^0.0.3"));
        assertEquals(List.of("1.2.2", "1.2.3", "1.2.9"), matching("1.2.x"));
        assertEquals(List.of("1.3.0", "1.4.5"), matching("1.3 - 1.4.5"));
        assertEquals(List.of("1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.4.5", "1.4.6", "1.10.0"), matching(">=1.0 <2.0"));
        assertEquals(List.of("1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.4.5", "1.4.6", "1.10.0"), matching(">=1.0, <2.0"));
        assertEquals(List.of("0.0.3", "0.1.0", "0.1.4", "0.2.0", "3.0.0"), matching("<1.0.0 || >=3"));
        assertEquals(List.of("1.2.3"), matching("=1.2.3"));
        assertEquals(List.of("2.0.0", "3.0.0"), matching(">1.x"));
        assertEquals(List.of("0.0.3", "0.1.0", "0.1.4", "0.2.0"), matching("<=0.x"));
    }

    @Test
    void preReleasesMatchOnlyAConstraintThatNamesOne() {
        assertEquals(List.of("2.0.0", "3.0.0"), matching(">=2.0.0"));
        assertEquals(List.of("2.1.0-rc.1"), matching("2.1.0-rc.1"));
        assertEquals(VERSIONS, matching(">0.0.0-0"));
        assertEquals(VERSIONS.stream().filter(v -> !v.contains("-")).toList(), matching("*"));
    }

    @Test
    void aConstraintThatIsNoneIsRefusedInMastermindsWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse("latest"));
        assertEquals("improper constraint: latest", e.getMessage());
    }

    @Test
    void theIndexGivesTheExactVersionFirstThenTheNewestThatMatches() throws Exception {
        ChartIndex index = ChartIndex.parse("""
                apiVersion: v1
                entries:
                  demo:
                  - {name: demo, version: 1.2.0, urls: [demo-1.2.0.tgz]}
                  - {name: demo, version: 1.10.0, urls: [demo-1.10.0.tgz]}
                  - {name: demo, version: 2.0.0-beta.1, urls: [demo-2.0.0-beta.1.tgz]}
                  - {name: demo, version: not-semver, urls: [odd.tgz]}
                """);
        assertEquals("1.10.0", index.get("demo", null).version().text());
        assertEquals("1.10.0", index.get("demo", "^1.2").version().text());
        assertEquals("1.2.0", index.get("demo", "1.2.0").version().text());
        assertEquals("2.0.0-beta.1", index.get("demo", ">0.0.0-0").version().text());
        assertEquals(List.of("demo-1.10.0.tgz"), index.get("demo", "~1.10").urls());
        assertEquals("no chart version found for demo-9.9.9",
                assertThrows(ChartIndex.NotFound.class, () -> index.get("demo", "9.9.9")).getMessage());
        assertEquals("no chart name found", assertThrows(ChartIndex.NotFound.class, () -> index.get("other", null)).getMessage());
    }

    @Test
    void aRelativeChartUrlIsTakenRelativeToTheRepositoryAsHelmResolvesIt() throws Exception {
        assertEquals("http://h:8/charts/demo-1.0.0.tgz", ChartPull.resolve("http://h:8/charts", "demo-1.0.0.tgz"));
        assertEquals("http://h:8/charts/demo-1.0.0.tgz", ChartPull.resolve("http://h:8/charts/", "demo-1.0.0.tgz"));
        assertEquals("http://h:8/index.yaml", ChartPull.resolve("http://h:8", "index.yaml"));
        assertEquals("https://cdn/x.tgz", ChartPull.resolve("http://h:8/charts/", "https://cdn/x.tgz"));
    }
}
