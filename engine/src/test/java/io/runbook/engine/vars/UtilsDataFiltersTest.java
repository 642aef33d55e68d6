package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ansible.utils' data filters: their failures and edges, with the collection's words (parity/utils_data.yml compares
 * their results with ansible-playbook).
 */
class UtilsDataFiltersTest {
    private final Conditions conditions = new Conditions();
    private final Map<String, Object> vars = new HashMap<>(Map.of(
            "pods", List.of(Map.of("name", "a", "phase", "Running"), Map.of("name", "b", "phase", "Pending")),
            "nums", List.of(1, 2, 3, 2)));

    private Object value(String expression) {
        return conditions.evaluate(expression, vars, WHERE);
    }

    private String failure(String expression) {
        return assertThrows(UserError.class, () -> value(expression)).cause();
    }

    @Test
    void indexOfNamesTheEntriesWithoutTheKeyAndTheTestItCannotFind() {
        assertEquals("Error when using plugin 'index_of': 'node' was not found in '{'name': 'a', 'phase': 'Running'}' at [0]"
                        + " and 'node' was not found in '{'name': 'b', 'phase': 'Pending'}' at [1]. fail_on_missing=True",
                failure("[{'name': 'a', 'phase': 'Running'}, {'name': 'b', 'phase': 'Pending'}]"
                        + " | ansible.utils.index_of('eq', 'n1', 'node', fail_on_missing=true)"));
        assertEquals("Error when using plugin 'index_of': When a key name is provided, all list entries are required to be"
                + " dictionaries, got int and dict", failure("[1, {'a': 1}] | ansible.utils.index_of('eq', 1, 'a')"));
        assertEquals("Error when using plugin 'index_of': Error encountered when testing value '1' (type=int) against '1'"
                + " (type=int) with 'nosuchtest'.  Error was: the test 'nosuchtest' was not found.",
                failure("nums | ansible.utils.index_of('nosuchtest', 1)"));
    }

    @Test
    void indexOfInvertsAndStripsNotAsTheCollection() {
        assertEquals(List.of(0, 2), value("nums | ansible.utils.index_of('!=', 2)"));
        assertEquals(2, value("nums | ansible.utils.index_of('not in', [1, 2])"));
        assertEquals(1, value("pods | ansible.utils.index_of('!eq', 'Running', 'phase')"));
        // 'not test' loses its t as well (Python's lstrip of the characters 'not '): a test named 'est'
        assertTrue(failure("nums | ansible.utils.index_of('not test')").endsWith("the test 'est' was not found."));
    }

    @Test
    void keyFiltersRefuseWhatIsNoDictOrListAndAnUnknownMatching() {
        assertEquals("Error when using plugin 'keep_keys': Input is not valid for keep operation",
                failure("'text' | ansible.utils.keep_keys(target=['name'])"));
        assertEquals("Error when using plugin 'remove_keys': Input is not valid for attribute removal",
                failure("5 | ansible.utils.remove_keys(target=['a'])"));
        assertEquals("Error when using plugin 'replace_keys': Input is not valid for replace operation",
                failure("5 | ansible.utils.replace_keys(target=[{'before': 'a', 'after': 'b'}])"));
        assertEquals("['value of matching_parameter must be one of: starts_with, ends_with, regex, got: bogus']",
                failure("{} | ansible.utils.keep_keys(target=['a'], matching_parameter='bogus')"));
    }

    @Test
    void keyFiltersLeaveTheGivenValueAsItWas() {
        vars.put("obj", new java.util.LinkedHashMap<>(Map.of("a", 1, "b", 2)));
        assertEquals(Map.of("b", 2), value("obj | ansible.utils.remove_keys(target=['a'])"));
        assertEquals(Map.of("c", 1, "b", 2), value("obj | ansible.utils.replace_keys(target=[{'before': 'a', 'after': 'c'}])"));
        assertEquals(Map.of("a", 1, "b", 2), vars.get("obj"));
        // a target given as text is a list of its comma-separated parts, as the argument spec reads it
        assertEquals(Map.of("a", 1, "b", 2), value("obj | ansible.utils.keep_keys(target='a,b')"));
    }

    @Test
    void consolidateReportsEachFailedCheckAsTheCollection() {
        assertEquals("Error when using plugin 'consolidate': 'fail_missing_match_key' reported missing match key 'name' in"
                + " data source 1 in list entry 2; Error when using plugin 'consolidate': 'fail_duplicate' reported duplicate"
                + " values in data source 2", failure("[{'data': [{'name': 'a'}, {'k': 1}], 'match_key': 'name', 'name': 'p'},"
                + " {'data': [{'name': 'a'}, {'name': 'a'}], 'match_key': 'name', 'name': 'q'}] | ansible.utils.consolidate"));
        assertEquals("Error when using plugin 'consolidate': 'fail_missing_match_value' reported missing match value a, c in"
                + " data source 2", failure("[{'data': [{'n': 'a'}, {'n': 'b'}, {'n': 'c'}], 'match_key': 'n', 'name': 'p'},"
                + " {'data': [{'n': 'b'}], 'match_key': 'n', 'name': 'q'}] | ansible.utils.consolidate"));
        assertEquals("['missing required arguments: match_key found in data_sources']",
                failure("[{'data': pods, 'name': 'pods'}] | ansible.utils.consolidate"));
        assertEquals("unhashable type: 'dict'", failure("[{'data': [{'k': {}}], 'match_key': 'k', 'name': 'p'}] | ansible.utils.consolidate"));
    }

    @Test
    void getPathReadsTheResultAsAnsibleReadsATemplatesText() {
        vars.put("x", Map.of("a", Map.of("b", List.of(0, 1)), "n", 3));
        assertEquals(List.of(0, 1), value("x | ansible.utils.get_path('a.b')"));
        assertEquals("3", value("x | ansible.utils.get_path('n')"));
        assertEquals(List.of(List.of(0, 1)), value("x | ansible.utils.get_path('a.b', wantlist=true)"));
        assertEquals("argument after ** must be a mapping, not list", failure("[1] | ansible.utils.get_path('a')"));
        String undefined = failure("x | ansible.utils.get_path('nope')");
        assertTrue(undefined.contains("undefined") && undefined.contains("'nope'"), undefined);
    }

    @Test
    void toPathsGivesAnEmptyTopValueBackAndNamesOddKeysInBrackets() {
        assertEquals(List.of(), value("[] | ansible.utils.to_paths"));
        assertEquals(Map.of("", 5), value("5 | ansible.utils.to_paths"));
        assertEquals(Map.of("x['b c']", 2, "x.d", Map.of()), value("{'b c': 2, 'd': {}} | ansible.utils.to_paths('x')"));
    }

    @Test
    void theShortNamesAreNotThere() {
        assertTrue(failure("nums | index_of('eq', 2)").startsWith("unknown filter 'index_of'"));
        assertTrue(failure("{} | to_paths").startsWith("unknown filter 'to_paths'"));
    }
}
