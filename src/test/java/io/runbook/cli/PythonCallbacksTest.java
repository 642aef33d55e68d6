package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Python callback plugins run in the controller's ansible-core, fed the run's events: {@code engine/callbacks/results.yml}
 * with the stdout callbacks of Debian's collections (community.general.yaml, ansible.posix.json) and
 * {@code engine/callbacks/own/play.yml} with a callback plugin beside the playbook and {@code engine/callbacks/events}
 * with one that logs the events it gets, each compared with what ansible-playbook 2.14 printed (the folder's README).
 */
class PythonCallbacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String recorded(String name) throws IOException {
        return Files.readString(EngineRun.FIXTURES.resolve("callbacks/" + name));
    }

    private static void ranAlone(RunResult r) {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err().replaceAll("(?m)^journal: .*\n", ""), r.toString());
        assertFalse(r.out().contains("hunter2"), r.out());  // the no_log task's secret reaches no plugin
    }

    @Test
    void communityGeneralYamlShowsTheRunAsUnderAnsible() throws IOException {
        RunResult r = CallbackOutputTest.run("callbacks/", "results.yml",
                Map.of("ANSIBLE_STDOUT_CALLBACK", "community.general.yaml"));
        ranAlone(r);
        assertEquals(recorded("community-yaml.stdout"), r.out());
    }

    /** Its option from the environment (ANSIBLE_JSON_INDENT) reaches it; the JSON is Ansible's but for times and ids. */
    @Test
    void ansiblePosixJsonWritesTheRunAsUnderAnsible() throws IOException {
        RunResult r = CallbackOutputTest.run("callbacks/", "results.yml",
                Map.of("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.json", "ANSIBLE_JSON_INDENT", "2"));
        ranAlone(r);
        assertTrue(r.out().startsWith("{\n  \"custom_stats\": {},\n"), r.out());
        assertEquals(normalised(JSON.readTree(recorded("posix-json.stdout"))), normalised(JSON.readTree(r.out())));
    }

    @Test
    void aCallbackBesideThePlaybookSeesEveryEventBesideTheDefaultOutput() throws IOException {
        RunResult r = CallbackOutputTest.run("callbacks/own/", "play.yml", Map.of());
        ranAlone(r);
        assertEquals(recorded("own/own.stdout"), r.out());
    }

    /**
     * A stdout callback that logs each event it gets ({@code events/callback_plugins/eventlog.py}) gets them as under
     * ansible-playbook, in its order: the prompt, loop items (the item itself and its label), retries, includes, diffs,
     * a notification.
     */
    @Test
    void aPythonStdoutCallbackGetsTheEventsAnsibleSends(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        RunResult r = CallbackOutputTest.run("callbacks/events/", "events.yml", Map.of(), "--diff", "-e", "dir=" + dir);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("[WARNING]: Not prompting as we are not in interactive mode\n",
                r.err().replaceAll("(?m)^journal: .*\n", ""), r.toString());
        assertEquals(recorded("events/events.stdout"), r.out());
    }

    /** As ansible-playbook 2.14: a stdout callback no plugin has stops the command before anything runs. */
    @Test
    void aStdoutCallbackOfACollectionWithoutItIsRefused() {
        for (String name : java.util.List.of("community.general.nosuch", "nosuch.coll.cb")) {
            RunResult r = CallbackOutputTest.run("callbacks/", "results.yml", Map.of("ANSIBLE_STDOUT_CALLBACK", name));
            assertEquals(3, r.exitCode(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertEquals("ERROR: stdout_callback: Invalid callback for stdout specified: " + name + "\n", r.err(),
                    r.toString());
        }
    }

    /**
     * Times and uuids masked, paths to their file name; what the engine's results do not carry left out: the
     * {@code invocation} of its own (Java) modules (results.yml runs no Python module) and a debug loop item's type (the
     * engine gives its label).
     */
    private static JsonNode normalised(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("invocation");
            java.util.List<String> keys = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = o.get(k);
                if (k.equals("id") || k.equals("start") || k.equals("end") || k.equals("delta")) {
                    o.put(k, "<masked>");
                } else if (k.equals("path")) {
                    o.put(k, v.asText().substring(v.asText().lastIndexOf('/') + 1));
                } else if (k.equals("item") || k.equals("_ansible_item_label")) {
                    o.set(k, new TextNode(v.asText()));
                } else {
                    normalised(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(PythonCallbacksTest::normalised);
        }
        return node;
    }
}
