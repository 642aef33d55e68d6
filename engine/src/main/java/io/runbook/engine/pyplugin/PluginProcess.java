package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.runbook.engine.vars.TemplatePlugins;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The controller's {@code python3} running plugin_host.py: one JSON request a line on its stdin, one answer a line on
 * its stdout, one request at a time (hosts' threads wait their turn). It reads until its stdin ends, so it ends with
 * the run (or with the JVM, whose end closes the pipe); no thread of ours waits on it. A run has one, its
 * {@link PluginHost}'s.
 */
public final class PluginProcess implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final String python;
    private final Process process;
    private final Writer requests;
    private final BufferedReader answers;

    private PluginProcess(String python, Process process) {
        this.python = python;
        this.process = process;
        this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The Python that runs the plugins and finds the controller's Ansible: /usr/bin/python3, else python3. */
    public static String controllerPython() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** The process, started in {@code environment} (the run's). */
    public static PluginProcess start(io.runbook.engine.env.RunEnvironment environment) {
        return start(environment, "plugin_host.py");
    }

    /** The process of {@code script} (a resource beside this class), started in {@code environment}. */
    static PluginProcess start(io.runbook.engine.env.RunEnvironment environment, String script) {
        String python = controllerPython();
        try {
            String text = shared("runbook_display", "display_hook.py") + shared("runbook_connection", "connection_host.py")
                    + resource(script);
            ProcessBuilder builder = environment.applyTo(new ProcessBuilder(python, "-c", text))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);  // a plugin's print(), as ansible-playbook shows it
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");  // no __pycache__ beside the playbook
            return new PluginProcess(python, builder.start());
        } catch (IOException e) {
            throw new TemplatePlugins.Failure("the controller's " + python + " cannot be started to run the playbook's "
                    + "Python plugins (" + e.getMessage() + ")");
        }
    }

    /**
     * Loads {@code file} (a resource beside this class) as module {@code name} before the script runs, so that both host
     * scripts import it (they run as {@code python3 -c}, with no folder of their own to import from):
     * display_hook.py as {@code runbook_display}, connection_host.py as {@code runbook_connection}.
     */
    private static String shared(String name, String file) throws IOException {
        return ("import sys as _sys, types as _types\n"
                + "_shared = _types.ModuleType(%s)\n"
                + "exec(compile(%s, %s, 'exec'), _shared.__dict__)\n"
                + "_sys.modules[%s] = _shared\n"
                + "del _sys, _types, _shared\n").formatted(JSON.writeValueAsString(name),
                JSON.writeValueAsString(resource(file)), JSON.writeValueAsString(file), JSON.writeValueAsString(name));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PluginProcess.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The answer to {@code request}, ok or not; {@link TemplatePlugins.Failure} when the process gives none. */
    synchronized JsonNode answer(Object request) {
        String line;
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.write('\n');
            requests.flush();
            line = answers.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            throw new TemplatePlugins.Failure("the Python plugin process (" + python + ") ended"
                    + (process.isAlive() ? "" : " with exit code " + process.exitValue()));
        }
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new TemplatePlugins.Failure("the Python plugin process gave no JSON: " + line);
        }
    }

    @Override
    public synchronized void close() {
        try {
            requests.close();  // the host reads to the end of its stdin, then ends
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
