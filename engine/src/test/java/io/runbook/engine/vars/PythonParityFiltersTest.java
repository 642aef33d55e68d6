package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * random and shuffle with a seed, the vault filter and urlize give what ansible-playbook gives (Python's random.Random(seed)); every expected value
 * was printed by python3 -c "import random; print(random.Random(SEED).randrange(...))" (CPython 3.11, Debian's).
 */
class PythonParityFiltersTest {
    private final Templar templar = new Templar();

    private Object render(String template) {
        return templar.render(template, Map.of("inventory_hostname", "web1"), WHERE);
    }

    @Test
    void aSeededRandomNumberIsPythons() {
        assertEquals(52, render("{{ 60 | random(seed=inventory_hostname) }}"), "a cron minute per host, as Ansible's");
        assertEquals(81, render("{{ 100 | random(seed=42) }}"));
        assertEquals(675, render("{{ 1000 | random(start=10, step=7, seed='db-3') }}"));
        assertEquals(new BigInteger("156492171145508467966"), new BigInteger(String.valueOf(render("{{ (2**70) | random(seed='x') }}"))));
        assertEquals(6, render("{{ 10 | random(seed=0) }}"));
        assertEquals(637, render("{{ 1000 | random(seed=-5) }}"));
    }

    @Test
    void aSeededChoiceAndShuffleArePythons() {
        assertEquals("7", render("{{ '9223372036854775807' | random(seed='localhost') }}"));
        assertEquals("c", render("{{ ['a', 'b', 'c', 'd'] | random(seed='café') }}"));
        assertEquals(List.of(5, 3, 6, 1, 8, 4, 7, 2), new ArrayList<>((List<?>) render("{{ [1, 2, 3, 4, 5, 6, 7, 8] | shuffle(seed='cp-1') }}")));
    }

    @Test
    void theVaultFilterWithASaltGivesAnsiblesTextAndUnvaultOpensIt() {
        // the vaultedstring_64 of ansible-core's filter_encryption target: 'secret' | vault('test', salt='7')
        String expected = "$ANSIBLE_VAULT;1.2;AES256;filter_default\n"
                + "33370a34333734353636633035656232613935353432656132646533346233326431346232616261\n"
                + "6133383034376566366261316365633931356133633337396363370a376664386236313834326561\n"
                + "6338373864623763613165366636633031303739\n";
        assertEquals(expected, render("{{ 'secret' | vault('test', salt='7') }}"));
        assertEquals("AnsibleVaultEncryptedUnicode", render("{{ 'secret' | vault('test', wrap_object=True) | type_debug }}"));
        assertEquals("secret", String.valueOf(render("{{ 'secret' | vault('test', wrap_object=True) | unvault('test') }}")));
    }

    @Test
    void urlizeLinksAsJinjas() {
        // expected texts printed by Debian's jinja2 (/usr/bin/python3, the one ansible-playbook runs)
        assertEquals("foo bar", render("{{ 'foo bar' | urlize }}"));
        assertEquals("see <a href=\"https://www.example.com\" rel=\"noopener\">www.example.com</a>, or (<a href=\"http://x.org/a_(b)\""
                + " rel=\"noopener\">http://x.org/a_(b)</a>).", render("{{ 'see www.example.com, or (http://x.org/a_(b)).' | urlize }}"));
        assertEquals("mail <a href=\"mailto:me@ex.com\">me@ex.com</a> &lt;a&gt;", render("{{ 'mail me@ex.com <a>' | urlize }}"));
        assertEquals("<a href=\"http://10.0.0.1:8080/x?y=1\" rel=\"noopener\">http://10.0.0.1:8080/x?y=1</a> <a href=\"https://example.org\""
                + " rel=\"noopener\">example.org</a>", render("{{ 'http://10.0.0.1:8080/x?y=1 example.org' | urlize }}"));
        assertEquals("<a href=\"mailto:a@b.co\">a@b.co</a> x&amp;y", render("{{ 'mailto:a@b.co x&y' | urlize }}"));
        assertEquals("<a href=\"https://example.com/long/path\" rel=\"nofollow noopener\" target=\"_blank\">https://ex...</a>",
                render("{{ 'https://example.com/long/path' | urlize(10, true, target='_blank') }}"));
    }
}
