package io.runbook.modules.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the apt module reads from apt's and dpkg's output, and how it orders and matches versions, as python-apt does. */
class AptOutputsTest {
    @Test
    void versionsCompareAsDpkgComparesThem() {
        assertTrue(DebianVersion.compare("1.1", "1.0") > 0);
        assertTrue(DebianVersion.compare("1.0~rc1", "1.0") < 0, "~ sorts before the end");
        assertTrue(DebianVersion.compare("1:0.9", "2.0") > 0, "the epoch first");
        assertTrue(DebianVersion.compare("1.0-10", "1.0-9") > 0, "digit runs as numbers");
        assertTrue(DebianVersion.compare("1.0a", "1.0+") < 0, "letters before other characters");
        assertEquals(0, DebianVersion.compare("1.01", "1.1"));
        assertTrue(DebianVersion.compare("2.36-9+deb12u4", "2.36-9") > 0);
    }

    @Test
    void aSpecSplitsAtTheFirstComparisonAndPatternsAreFnmatch() {
        assertEquals(new PackageSpec("jq", "=", "1.6*"), PackageSpec.parse("jq=1.6*"));
        assertEquals(new PackageSpec("jq", ">=", "1.6"), PackageSpec.parse("jq>=1.6"));
        assertEquals(new PackageSpec("jq", null, null), PackageSpec.parse("jq"));
        assertTrue(PackageSpec.parse("postgresql-client-1[45]").hasNamePattern());
        assertTrue(PackageSpec.fnmatch("1.6-2.1", "1.6*"));
        assertTrue(PackageSpec.fnmatch("postgresql-client-15", "postgresql-client-1[!3]"));
        assertFalse(PackageSpec.fnmatch("1.6+x", "1.6"));
        assertTrue(PackageSpec.fnmatch("a.b", "a.b") && !PackageSpec.fnmatch("axb", "a.b"), "a dot is literal");
    }

    @Test
    void policyGivesTheCandidateAndTheVersionsHighestFirst() {
        Map<String, AptPolicy> p = AptPolicy.parse(String.join("\n",
                "jq:", "  Installed: 1.6-2.1", "  Candidate: 1.7-1", "  Version table:",
                "     1.7-1 500", "        500 http://deb.debian.org/debian trixie/main amd64 Packages",
                " *** 1.6-2.1 500", "        500 http://deb.debian.org/debian bookworm/main amd64 Packages",
                "        100 /var/lib/dpkg/status",
                "awk:", "  Installed: (none)", "  Candidate: (none)", "  Version table:", ""));
        assertEquals(new AptPolicy("1.7-1", List.of("1.7-1", "1.6-2.1")), p.get("jq"));
        assertEquals("1.6-2.1", p.get("jq").bestMatching("1.6*"));
        assertNull(p.get("jq").bestMatching("9*"));
        assertFalse(p.get("awk").known(), "a virtual package has no version");
    }

    @Test
    void thePreparedDiffIsAptGetsPlan() {
        String out = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n"
                + "The following NEW packages will be installed:\n  jq\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\n"
                + "Inst jq (1.6-2.1 Debian:12 [amd64])\n";
        assertEquals("The following NEW packages will be installed:\n  jq\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.",
                AptOutput.diff(out).prepared());
        assertEquals("Selecting jq.\nUnpacking jq", AptOutput.diff("Selecting jq.\r\nUnpacking jq\r\n").prepared(),
                "without apt-get's markers: all of it, split at \\r too");
    }

    @Test
    void dpkgOptionsExpandAsAnsiblesDo() {
        assertEquals("-o \"Dpkg::Options::=--force-confdef\" -o \"Dpkg::Options::=--force-confold\"",
                AptOptions.expand("force-confdef,force-confold"));
    }
}
