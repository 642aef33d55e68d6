package io.runbook.modules.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipRequirementTest {
    @Test
    void namesSplitAtCommasAreJoinedAgainWithTheirSpecifiersAsAnsibleRecoversThem() {
        assertEquals(List.of("django>1.11.1,<1.11.3", "ipaddress", "simpleproject>1.1.0,<2.0.0"),
                PipRequirement.recover(List.of("django>1.11.1", "<1.11.3", "ipaddress", "simpleproject>1.1.0", "<2.0.0")));
        assertEquals(List.of("requests[security,socks]>=2"), PipRequirement.recover(List.of("requests[security", "socks]>=2")));
    }

    @Test
    void aPlainRequirementIsWrittenAsSetuptoolsWritesIt() {
        assertEquals("tinypkg<2,>=1.0", PipRequirement.parse("tinypkg >= 1.0, <2").toString());
        assertEquals("requests[security,socks]==2.0",
                PipRequirement.parse("requests[socks, security] == 2.0").toString());
        assertEquals("psutil==5.8.0", PipRequirement.parse("psutil").withVersion("5.8.0").toString());
        assertEquals("psutil>=5", PipRequirement.parse("psutil").withVersion(">=5").toString());
        assertEquals("git+https://example.com/x.git", PipRequirement.parse("git+https://example.com/x.git").toString());
        assertTrue(PipRequirement.isVcs("git+https://example.com/x.git"));
        assertFalse(PipRequirement.parse("./dist/tool.tar.gz").isPlain());
    }

    @Test
    void installedVersionsAreMatchedInPep440Order() {
        assertTrue(PipRequirement.parse("Tiny_Pkg>=1.0,<2").isSatisfiedBy("tiny-pkg==1.10"));
        assertFalse(PipRequirement.parse("tinypkg>=1.0,<2").isSatisfiedBy("tinypkg==2.0"));
        assertTrue(PipRequirement.parse("tinypkg").isSatisfiedBy("tinypkg==0.1"));
        assertFalse(PipRequirement.parse("tinypkg==1.0").isSatisfiedBy("other==1.0"));
        assertTrue(PipRequirement.parse("tinypkg==1.0").isSatisfiedBy("tinypkg==1.0.0"));
        assertTrue(PipRequirement.parse("tinypkg==1.*").isSatisfiedBy("tinypkg==1.4"));
        assertTrue(PipRequirement.parse("tinypkg~=1.4").isSatisfiedBy("tinypkg==1.9"));
        assertFalse(PipRequirement.parse("tinypkg~=1.4").isSatisfiedBy("tinypkg==2.0"));
        assertTrue(PipRequirement.parse("tinypkg<1.0").isSatisfiedBy("tinypkg==1.0rc1"));
        assertTrue(PipRequirement.parse("tinypkg<1.0a1").isSatisfiedBy("tinypkg==1.0.dev3"));
        assertTrue(PipRequirement.parse("tinypkg>1.0").isSatisfiedBy("tinypkg==1.0.post1"));
    }
}
