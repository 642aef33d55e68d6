# A task on a host whose connection is a Python connection plugin, made ready as Ansible's TaskExecutor makes it:
# action_host.py imports it as runbook_connection (PluginProcess loads it into the process before the script). The
# connection plugin is ansible-core's connection loader's (the task's connection_plugins/ folders, ANSIBLE_CONNECTION_PLUGINS,
# collections with their meta/runtime.yml redirects), given the task's PlayContext, its options from the host's
# variables, its become plugin and its shell's options; the action is ansible-core's handler of the task's action, whose
# own _execute_module and _low_level_execute_command then go through the plugin's _connect, exec_command, put_file,
# fetch_file and close. A loop's items share one connection, as the TaskExecutor's; it is closed when the task ends.
import os
import sys

connections = {}  # inventory host -> (the task's key, its connection plugin), kept while a loop runs


def templated_options(plugin_type, name, variables, templar):
    """The host's variables a plugin reads its options from (those it names), templated, as the TaskExecutor's."""
    from ansible import constants as C
    options = {}
    for var in C.config.get_plugin_vars(plugin_type, name):
        if var in variables:
            options[var] = templar.template(variables[var])
    return options


def set_become(connection, variables, templar, context, loader):
    """The task's become plugin on the connection (None without become), as TaskExecutor._set_become_plugin."""
    from ansible.errors import AnsibleError
    from ansible.module_utils.parsing.convert_bool import boolean
    become = boolean(templar.template(variables["ansible_become"])) if variables.get("ansible_become") is not None \
        else bool(context.become)
    plugin = None
    if become:
        method = templar.template(variables.get("ansible_become_method") or context.become_method or "sudo")
        plugin = loader.become_loader.get(method)
        if plugin is None:
            raise AnsibleError("Invalid become method specified, could not find matching plugin: '%s'. "
                               "Use `ansible-doc -t become -l` to list available plugins." % method)
    try:
        connection.set_become_plugin(plugin)
    except AttributeError:
        pass
    if plugin is not None:
        if getattr(connection.become, "require_tty", False) and not getattr(connection, "has_tty", False):
            raise AnsibleError("The '%s' connection does not provide a TTY which is required for the selected "
                               "become plugin: %s." % (connection._load_name, plugin.name))
        context.set_become_plugin(plugin.name)
        plugin.set_options(var_options=templated_options("become", plugin._load_name, variables, templar))


def handler(action, loader):
    """The action plugin Ansible runs a task's action with: its own, else the normal one that runs the module."""
    return action if loader.action_loader.has_plugin(action) else "ansible.legacy.normal"


def with_connection(request, core, given):
    """The action plugin of the request's task with its connection plugin (given is updated with it)."""
    from ansible.errors import AnsibleError
    from ansible.utils.display import Display
    spec = request["task"]
    variables = request.get("vars") or {}
    templar = given["templar"]
    loader = core["loader"]
    Display().verbosity = int(spec.get("verbosity") or 0)
    name = spec["connection_plugin"]
    if given["task"]._parent is None:  # the play the action reads (gather_facts its action groups)
        from ansible.playbook.block import Block
        from ansible.playbook.play import Play
        given["task"]._parent = Block(play=Play())
    context = given["play_context"].set_task_and_variable_override(task=given["task"], variables=variables,
                                                                   templar=templar)
    context.connection = name
    host = spec.get("inventory_host")
    kept = connections.pop(host, None)
    if kept is not None and kept[0] == spec.get("connection_key") and getattr(kept[1], "connected", False):
        connection = kept[1]
        connection._play_context = context
    else:
        if kept is not None:
            close(kept[1])
        connection = loader.connection_loader.get(name, context, sys.stdin, task_uuid=given["task"]._uuid,
                                                  ansible_playbook_pid=str(os.getppid()))
        if connection is None:
            raise AnsibleError("the connection plugin '%s' was not found" % name)
    connections[host] = (spec.get("connection_key"), connection)
    if "connection_vars" in request:  # delegated: the delegate's variables alone (cvars), as the TaskExecutor's
        variables, templar = delegate_vars(request, given["loader"], core)
    set_become(connection, variables, templar, context, loader)
    context.set_attributes_from_plugin(connection)
    connection.set_options(task_keys=given["task"].dump_attrs(),
                           var_options=templated_options("connection", connection._load_name, variables, templar))
    connection._shell.set_options(var_options=templated_options("shell", connection._shell._load_name, variables,
                                                                templar))
    given.update(connection=connection, play_context=context)
    return loader.action_loader.get(handler(request["name"], loader), **given)


def delegate_vars(request, data_loader, core):
    """A delegated task's variables for its connection (Ansible's cvars, ansible_delegated_vars[delegate]) and a templar
    of them: those the engine rendered, kept as they are, and those it could not, rendered here (an undefined variable
    fails the task as Ansible's, when the plugin reads it)."""
    from ansible.utils.unsafe_proxy import wrap_var
    variables = wrap_var(dict(request["connection_vars"]))
    variables.update(request.get("connection_raw") or {})
    return variables, core["Templar"](loader=data_loader, variables=variables)


def connection_done(request):
    """The task's end, unless a loop's item: its connection is closed, as the TaskExecutor closes it."""
    if "ansible_loop_var" in (request.get("vars") or {}):
        return
    kept = connections.pop(request["task"].get("inventory_host"), None)
    if kept is not None:
        close(kept[1])


def close(connection):
    try:
        connection.close()
    except Exception:
        pass
