package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The constructed plugin's keyed groups and composed values for keys of every kind of value; each expectation is what
 * ansible-inventory 2.14 lists for the same files.
 */
class ConstructedKeyedGroupsTest {

    @Test
    void textListsAndMappingsNameGroupsAsAnsibleWritesThem() {
        Inventory inv = Fixture.load("constructed/types");
        assertEquals(List.of("ungrouped", "l_a", "l_1", "l_dflt", "l_b_c", "nd_a___b____c__", "nd_l__1__2_", "nd_e_",
                "nd_n_None", "nd_i_3", "nd_t_True", "_a___b____c__", "_l__1__2_", "_e_", "_n_None", "_i_3", "_t_True", "_e",
                "_1_5", "_ünï", "_2nd_tier", "_x", "y", "a", "b", "p_h1"), inv.childGroups(Inventory.ALL));
        // parent_group is a template; leading_separator: false leaves the separator out without a prefix
        assertEquals(List.of("k_v"), inv.childGroups("p_h1"));
        assertEquals(List.of("h1"), inv.hostsOf("p_h1"));
    }

    @Test
    void composedValuesKeepTheirTypes() {
        Map<String, Object> vars = Fixture.load("constructed/types").hostVars("h1");
        assertEquals(5, vars.get("c_n"));
        assertEquals("5", vars.get("c_str_n"));
        assertEquals(List.of("a", 1, "", "b-c"), vars.get("c_list"));
        assertEquals(Map.of("b", "c"), ((Map<?, ?>) vars.get("c_nested")).get("a"));
    }

    @Test
    void composeCannotCallLookups() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("constructed/lookup"));
        assertEquals("Could not set home for host h1: The lookup `env` was found, however lookups were disabled from "
                + "templating", e.getMessage());
        assertEquals(5, e.position().line());
    }

    @Test
    void aNumberAsKeyIsAnErrorWhateverStrictSays() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("constructed/int-key"));
        assertEquals("Invalid group name format, expected a string or a list of them or dictionary, got: <class 'int'>",
                e.getMessage());
    }
}
