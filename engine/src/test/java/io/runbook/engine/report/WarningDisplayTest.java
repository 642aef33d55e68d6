package io.runbook.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Deprecation;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Warnings as ansible-core 2.14's Display.warning prints them (checked with Debian's ansible-playbook). */
class WarningDisplayTest {
    @Test
    void wrapsAt79ColumnsAsPythonsTextwrap() {
        assertEquals("[WARNING]: conditional statements should not include jinja2 templating\n"
                        + "delimiters such as {{ }} or {% %}. Found: {{ true }} and {{ true }} and {{ true\n"
                        + "}} and some really long text to see how the wrapping works out for this warning",
                WarningDisplay.format("conditional statements should not include jinja2 templating delimiters such as"
                        + " {{ }} or {% %}. Found: {{ true }} and {{ true }} and {{ true }} and some really long text to"
                        + " see how the wrapping works out for this warning"));
        // line breaks and tabs in the text are spaces, as textwrap's replace_whitespace makes them
        assertEquals("[WARNING]: one two", WarningDisplay.format("one\ntwo"));
        assertEquals("[WARNING]: " + "x".repeat(68) + "\n" + "x".repeat(32), WarningDisplay.format("x".repeat(100)));
    }

    @Test
    void aHostsWarningIsPrintedEachTimeUnlessTheRunShowedItAsItsOwn() {
        StringWriter err = new StringWriter();
        WarningDisplay display = new WarningDisplay(new PrintWriter(err), null, false);
        assertTrue(display.warnUnlessShown("condition"));
        assertTrue(display.warnUnlessShown("condition"));
        assertTrue(display.warn("condition"), "a host's warning does not count as the run's");
        assertFalse(display.warnUnlessShown("condition"));
        assertEquals("[WARNING]: condition\n".repeat(3), err.toString());
    }

    @Test
    void theSameWarningIsPrintedOncePerRun() {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        WarningDisplay display = new WarningDisplay(new PrintWriter(err), new PrintWriter(out), false);
        assertTrue(display.warn("disk almost full"));
        assertFalse(display.warn("disk almost full"));
        assertTrue(display.warn("disk full"));
        assertEquals("[WARNING]: disk almost full\n[WARNING]: disk full\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void deprecationsAreWordedAndWrappedAsAnsiblesDisplayKeepingTheSpacesWhereLinesBreak() {
        // each as ansible-playbook 2.14 printed a module's deprecate() with these arguments
        assertEquals("[DEPRECATION WARNING]: dated thing. This feature will be removed from my.col in\n"
                + " a release after 2025-12-01. Deprecation warnings can be disabled by setting \n"
                + "deprecation_warnings=False in ansible.cfg.",
                WarningDisplay.format(new Deprecation("dated thing", null, "2025-12-01", "my.col")));
        assertEquals("[DEPRECATION WARNING]: no version at all. This feature will be removed in a \n"
                + "future release. Deprecation warnings can be disabled by setting \n"
                + "deprecation_warnings=False in ansible.cfg.", WarningDisplay.format(new Deprecation("no version at all", null, null, null)));
        assertEquals("[DEPRECATION WARNING]: builtin one. This feature will be removed from ansible-\n"
                + "core in version 2.18. Deprecation warnings can be disabled by setting \n"
                + "deprecation_warnings=False in ansible.cfg.",
                WarningDisplay.format(Deprecation.inVersion("builtin one", "2.18", "ansible.builtin")));
    }

    @Test
    void aDeprecationIsPrintedOncePerRunAndNotAtAllWhenDeprecationWarningsAreOff() {
        StringWriter err = new StringWriter();
        WarningDisplay display = new WarningDisplay(new PrintWriter(err), null, false);
        Deprecation d = Deprecation.inVersion("old", "9.9", null);
        assertTrue(display.deprecated(d));
        assertFalse(display.deprecated(d));
        assertTrue(display.warn("old"), "a warning of the same words is another message");
        assertEquals("[DEPRECATION WARNING]: old. This feature will be removed in version 9.9. \n"
                + "Deprecation warnings can be disabled by setting deprecation_warnings=False in \nansible.cfg.\n"
                + "[WARNING]: old\n", err.toString());
        StringWriter quiet = new StringWriter();
        assertFalse(new WarningDisplay(new PrintWriter(quiet), null, false, false).deprecated(d));
        assertEquals("", quiet.toString());
    }
}
