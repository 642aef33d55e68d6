# The engine's Python action plugin host: runs one action plugin at a time with the controller's ansible-core, as
# Ansible's TaskExecutor runs it. One JSON line a message each way. The engine asks
# {"op": "action", "name": N, "dirs": [D...], "roots": [R...], "basedir": B, "task": {...}, "vars": {...}};
# while the plugin runs, the host may ask the engine back, one line each, and reads the engine's one-line reply:
# {"call": "module", "name": M, "args": {...}} (ActionBase._execute_module: the engine runs module M on the host,
# replying {"result": {...}}; "wrap_async": the module runs to its end, its output read as an async job's) and {"call": "command", "cmd": C, "executable": E, "in_data": I,
# "sudoable": S} (_low_level_execute_command and the connection's exec_command: replying {"result": {"rc": ..., "stdout": ...,
# "stderr": ...}}), {"call": "put", "from": LOCAL, "to": REMOTE} and {"call": "fetch", "from": REMOTE, "to": LOCAL} (the
# connection's put_file and fetch_file, which _transfer_file/_transfer_data use: replying {"result": {}}, or
# {"result": {"error": TEXT}}). The run ends with
# {"ok": true, "result": {...}}, the plugin's result (or Ansible's for the exception it raised, marked
# _runbook_changed_unsaid: Ansible registers it without changed), or
# {"ok": false, "error": TEXT} when the plugin cannot be loaded. A task on a host whose connection is a Python
# connection plugin (task "connection_plugin": C) runs as Ansible's TaskExecutor runs it, all in ansible-core: action N
# (its "normal" one for a module), with connection plugin C, whose exec_command, put_file and fetch_file the action's own
# _execute_module and _low_level_execute_command use (connection_host.py). Each message may carry "displayed": what the plugin
# showed through Ansible's display meanwhile (runbook_display's, display_hook.py). Ends at the end of stdin.
import json
import os
import sys
import traceback

from runbook_display import hook_display, take
from runbook_connection import connection_done, with_connection

protocol = sys.stdout
sys.stdout = sys.stderr  # a plugin's print() must not break the protocol
core = {}


def encode(value):
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def send(message):
    shown = take()
    if shown:
        message["displayed"] = shown
    protocol.write(json.dumps(message, default=encode, allow_nan=True) + "\n")
    protocol.flush()


def ask(message):
    """The engine's reply to a call back, or SystemExit when it ended."""
    send(message)
    line = sys.stdin.readline()
    if not line:
        raise SystemExit(0)
    return json.loads(line)


def execute_module(self, module_name=None, module_args=None, tmp=None, task_vars=None, persist_files=False,
                   delete_remote_tmp=None, wrap_async=False, ignore_unknown_opts=False):
    """ActionBase._execute_module: the engine runs the module on the host, as it runs a task's module (ansible-core's
    own with a connection plugin's connection)."""
    if not isinstance(self._connection, Connection):
        return core["execute_module"](self, module_name, module_args, tmp, task_vars, persist_files, delete_remote_tmp,
                                      wrap_async)
    reply = ask({"call": "module", "name": module_name or self._task.action, "wrap_async": bool(wrap_async),
                 "args": self._task.args if module_args is None else module_args})
    return reply.get("result") or {}


def low_level_execute_command(self, cmd, sudoable=True, in_data=None, executable=None,
                              encoding_errors="surrogate_then_replace", chdir=None):
    """ActionBase._low_level_execute_command: the engine runs the command over the host's connection, as its
    exec_command (in check mode too), in_data its standard input (ansible-core's own with a connection plugin's)."""
    if not isinstance(self._connection, Connection):
        return core["low_level_execute_command"](self, cmd, sudoable, in_data, executable, encoding_errors, chdir)
    if chdir:  # as Ansible's: cd, then the command whatever cd did
        cmd = self._connection._shell.append_command("cd %s" % chdir, cmd)
    if isinstance(in_data, bytes):
        in_data = in_data.decode("utf-8", "surrogateescape")
    result = dict(ask({"call": "command", "cmd": cmd, "executable": executable, "in_data": in_data,
                       "sudoable": bool(sudoable)}).get("result") or {})
    out = {"rc": result.get("rc", 1), "stdout": result.get("stdout", ""), "stderr": result.get("stderr", "")}
    out["stdout_lines"] = out["stdout"].splitlines()
    out["stderr_lines"] = out["stderr"].splitlines()
    return out


def setup(request):
    if not core:
        configured = os.environ.get("ANSIBLE_COLLECTIONS_PATH", os.environ.get("ANSIBLE_COLLECTIONS_PATHS"))
        os.environ["ANSIBLE_COLLECTIONS_PATH"] = os.pathsep.join(list(request.get("roots", [])) + (
            [configured] if configured else ["~/.ansible/collections", "/usr/share/ansible/collections"]))
        from ansible import errors
        from ansible.parsing.dataloader import DataLoader
        from ansible.playbook.play_context import PlayContext
        from ansible.playbook.task import Task
        from ansible.plugins import loader
        from ansible.plugins.action import ActionBase
        from ansible.template import Templar
        import ansible.utils.display  # noqa: F401 (hooked below)
        core.update(execute_module=ActionBase._execute_module,
                    low_level_execute_command=ActionBase._low_level_execute_command)
        ActionBase._execute_module = execute_module
        ActionBase._low_level_execute_command = low_level_execute_command
        hook_display()
        core.update(errors=errors, DataLoader=DataLoader, PlayContext=PlayContext, Task=Task, loader=loader,
                    Templar=Templar, dirs=set())
    for folder in request.get("dirs", []):
        if folder not in core["dirs"]:
            core["dirs"].add(folder)
            core["loader"].action_loader.add_directory(folder)
    for folder in request.get("connection_dirs", []):
        if ("connection", folder) not in core["dirs"]:
            core["dirs"].add(("connection", folder))
            core["loader"].connection_loader.add_directory(folder)
    if request.get("basedir"):
        from ansible.utils.collection_loader import AnsibleCollectionConfig
        AnsibleCollectionConfig.playbook_paths = request["basedir"]
    return core


class Connection:
    """What an action plugin sees of the task's connection: its name, the shell plugin of ansible_shell_type (else sh,
    which the engine's commands run in: its SHELL_FAMILY, mkdtemp, join_path...), the task's become plugin, and
    put_file/fetch_file/exec_command, which the engine does over the host's connection (as the login user)."""

    def __init__(self, transport, shell, play_context, become, options):
        self.transport = transport
        self._shell = shell
        self._play_context = play_context
        self.become = become
        self._options = options
        self.has_pipelining = False
        self.has_native_async = False
        self.always_pipeline_modules = False
        self.allow_executable = True
        self.module_implementation_preferences = ("",)
        if transport == "local":  # as Ansible's local connection: its user is the controller's
            import getpass
            self.default_user = getpass.getuser()

    def get_option(self, name, hostvars=None):
        if name not in self._options:
            raise KeyError(name)  # as a connection plugin without that option
        return self._options[name]

    def set_options(self, *args, **kwargs):
        pass

    def exec_command(self, cmd, in_data=None, sudoable=True):
        """The command line as the connection runs it (a become command already in it, as ActionBase puts it)."""
        if isinstance(in_data, bytes):
            in_data = in_data.decode("utf-8", "surrogateescape")
        result = ask({"call": "command", "cmd": cmd, "executable": None, "in_data": in_data, "sudoable": False}).get("result") or {}
        return (result.get("rc", 1), result.get("stdout", "").encode("utf-8", "surrogateescape"),
                result.get("stderr", "").encode("utf-8", "surrogateescape"))

    def put_file(self, in_path, out_path):
        errors = core["errors"]
        if not os.path.exists(in_path):
            raise errors.AnsibleFileNotFound("file or module does not exist: %s" % in_path)
        self._transfer("put", os.path.abspath(in_path), out_path)

    def fetch_file(self, in_path, out_path):
        self._transfer("fetch", in_path, os.path.abspath(out_path))

    def _transfer(self, call, in_path, out_path):
        error = (ask({"call": call, "from": in_path, "to": out_path}).get("result") or {}).get("error")
        if error:
            raise core["errors"].AnsibleError("failed to transfer file to %s: %s" % (out_path, error))

    def reset(self):
        pass

    def close(self):
        pass


def connection_shell(context, core):
    """The shell plugin the task's connection plugin chooses, as ansible-core's connection loader makes it (the plugin
    is not connected); sh when it cannot be loaded."""
    try:
        connection = core["loader"].connection_loader.get(context.connection, context, sys.stdin)
        if connection is not None and getattr(connection, "_shell", None) is not None:
            return connection._shell
    except Exception:
        pass
    return core["loader"].shell_loader.get("sh")


def objects(request, core):
    spec = request["task"]
    task = core["Task"]()
    task.action = spec["action"]
    task.resolved_action = spec["action"]
    task.args = spec.get("args") or {}
    task.async_val = spec.get("async", 0)
    task.check_mode = spec.get("check", False)
    task.diff = spec.get("diff", False)
    task.no_log = spec.get("no_log", False)
    task.delegate_to = spec.get("delegate_to")
    task.environment = [spec.get("environment") or {}]
    context = core["PlayContext"]()
    context.check_mode = task.check_mode
    context.diff = task.diff
    context.no_log = task.no_log
    context.remote_addr = spec.get("host")
    context.connection = spec.get("connection") or "ssh"
    loader = core["DataLoader"]()
    loader.set_basedir(request.get("basedir") or os.getcwd())
    templar = core["Templar"](loader=loader, variables=request.get("vars") or {})
    # the shell plugin of ansible_shell_type, else the connection plugin's (sh for the engine's connections)
    shell_type = (request.get("vars") or {}).get("ansible_shell_type")
    shell = core["loader"].shell_loader.get(templar.template(shell_type)) if shell_type else connection_shell(context, core)
    try:
        shell.set_options(var_options=request.get("vars") or {})
    except Exception:
        pass
    become = become_plugin(context, templar, request.get("vars") or {}, core)
    options = {} if context.connection == "local" else {"remote_user": context.remote_user}
    return dict(task=task, connection=Connection(context.connection, shell, context, become, options),
                play_context=context, loader=loader, templar=templar, shared_loader_obj=core["loader"])


def become_plugin(context, templar, variables, core):
    """The task's become settings in the play context (from its ansible_become* variables, as the engine gives them),
    and its become plugin, set up from them as Ansible's task executor does; None without become."""
    given = {k: templar.template(v) for k, v in variables.items()
             if k.startswith(("ansible_become", "ansible_sudo", "ansible_su_", "ansible_user", "ansible_ssh_user"))}
    context.remote_user = given.get("ansible_user", given.get("ansible_ssh_user"))
    context.become = templar.template(variables.get("ansible_become", False)) in (True, "true", "True", "yes", 1)
    context.become_method = given.get("ansible_become_method") or "sudo"
    context.become_user = given.get("ansible_become_user") or ("root" if context.become else None)
    if not context.become:
        return None
    try:
        become = core["loader"].become_loader.get(context.become_method)
        become.set_options(var_options=given, direct={"become_user": context.become_user})
        return become
    except Exception:
        return None


def run(request):
    try:
        core = setup(request)
    except ImportError as e:
        return {"ok": False, "error": "the controller's %s has no ansible-core (%s), which runs the playbook's Python "
                                      "action plugins" % (sys.executable, e)}
    errors = core["errors"]
    given = objects(request, core)
    name = request["name"]
    plugin = request["task"].get("connection_plugin")
    if not plugin:
        try:
            action = core["loader"].action_loader.get(name, **given)
        except Exception as e:
            return {"ok": False, "error": "the action plugin %s could not be loaded: %s: %s"
                    % (name, type(e).__name__, e), "trace": traceback.format_exc()}
        if action is None:
            return {"ok": False, "error": "no action plugin %s" % name}
    # as Ansible's TaskExecutor runs the plugin and turns what it raises into the task's result
    try:
        if plugin:
            action = with_connection(request, core, given)
        try:
            result = action.run(task_vars=request.get("vars") or {})
        except (errors.AnsibleActionFail, errors.AnsibleActionSkip) as e:
            result = e.result
        except errors.AnsibleConnectionFailure as e:
            result = dict(unreachable=True, msg=str(e))
        finally:
            action.cleanup()
            if plugin:
                connection_done(request)
    except errors.AnsibleError as e:
        result = dict(failed=True, msg=getattr(e, "message", None) or str(e), _runbook_changed_unsaid=True)
    except Exception as e:
        result = dict(failed=True, msg="Unexpected failure during module execution: %s" % e,
                      exception=traceback.format_exc(), stdout="", _runbook_changed_unsaid=True)
    return {"ok": True, "result": result}


for line in iter(sys.stdin.readline, ""):
    try:
        reply = run(json.loads(line))
    except SystemExit:
        raise
    except Exception as e:
        reply = {"ok": False, "error": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()}
    send(reply)
