# Runs an inventory plugin of the controller's ansible-core as its inventory manager does, for the engine's
# PythonInventoryPlugin: argv is NAME SOURCE PLAYBOOK_DIR ("" for none); stdin the inventory the sources before gave,
# which the plugin sees ({"groups": [{"name", "hosts", "children", "vars"}], "hosts": [{"name", "vars"}]}, a vaulted
# value as Ansible's JSON writes it, {"__ansible_vault": ENVELOPE}), and the vault secrets given ("vault": [{"label",
# "password" in base64}]), which open the plugin's vaulted options and values when it uses them. NAME "auto"
# reads SOURCE's plugin: key, as Ansible's auto plugin; SOURCE "" only loads the plugin. Prints one JSON mapping on
# stdout: {"loaded": false} when no such plugin loads, {"verified": false} when the plugin does not take SOURCE
# (verify_file), {"loaded": true} for "", else {"plugin": the name it was loaded by, "listing": what it added, as an
# inventory script's --list (groups with their new hosts, children and variables in the order made, _meta.hostvars;
# a vaulted value as {"__ansible_vault": ENVELOPE})}.
# A failure of the plugin is its message on stderr and exit code 1.
import base64
import json
import sys

protocol = sys.stdout
sys.stdout = sys.stderr  # a plugin's print() must not break the answer


def jsonable(value):
    """What json.dumps cannot write itself: a set as a list, anything else as its text."""
    return list(value) if isinstance(value, (set, frozenset)) else str(value)


def changed(before, key, value):
    """Whether the plugin set key to another value than before had (the same object: not, and a vaulted one unopened)."""
    return key not in before or before[key] is not value and before[key] != value


def load_state(inventory, state):
    """Puts the inventory the sources before gave into inventory (groups, hosts, their variables, in order), as the
    plugin would find it in Ansible's inventory manager; returns a copy of what it holds then."""
    for host in state["hosts"]:
        inventory.add_host(host["name"])
        for k, v in host["vars"].items():
            inventory.set_variable(host["name"], k, v)
    for group in state["groups"]:
        inventory.add_group(group["name"])
    for group in state["groups"]:
        for child in group["children"]:
            inventory.add_child(group["name"], child)
        for host in group["hosts"]:
            inventory.add_child(group["name"], host)
        for k, v in group["vars"].items():
            inventory.set_variable(group["name"], k, v)
    return {"groups": {g.name: ([h.name for h in g.hosts], [c.name for c in g.child_groups], dict(g.vars))
                       for g in inventory.groups.values()},
            "hosts": {h.name: dict(h.vars) for h in inventory.hosts.values()}}


def main():
    name, source, playbook_dir = sys.argv[1:4]
    raw = sys.stdin.read()  # read whole first: the engine writes it before it reads the answer
    try:
        from ansible.errors import AnsibleError
        from ansible.inventory.data import InventoryData
        from ansible.module_utils._text import to_text
        from ansible.parsing.ajson import AnsibleJSONDecoder, AnsibleJSONEncoder
        from ansible.parsing.vault import VaultSecret
        from ansible.parsing.dataloader import DataLoader
        from ansible.plugins.loader import add_all_plugin_dirs, inventory_loader
    except ImportError as e:
        sys.stderr.write("the controller's Python has no ansible-core to run the inventory plugin with (%s)" % e)
        return 1
    if playbook_dir:
        add_all_plugin_dirs(playbook_dir)  # as ansible-inventory --playbook-dir (ANSIBLE_PLAYBOOK_DIR)
    secrets = [(s["label"], VaultSecret(base64.b64decode(s["password"]))) for s in json.loads(raw).get("vault", [])]
    loader = DataLoader()
    loader.set_vault_secrets(secrets)  # as the CLI sets them: a vaulted option, a vaulted value opens when used
    AnsibleJSONDecoder.set_secrets(secrets)
    state = json.loads(raw, cls=AnsibleJSONDecoder)

    class ListingEncoder(AnsibleJSONEncoder):
        """Ansible's JSON (a vaulted value stays vaulted), anything else it cannot write as jsonable says."""
        def default(self, o):
            try:
                return super(ListingEncoder, self).default(o)
            except TypeError:
                return jsonable(o)
    try:
        if name == "auto":
            data = loader.load_from_file(source, cache=False)
            name = data.get("plugin") if isinstance(data, dict) else None
            if not name:
                sys.stderr.write("no root 'plugin' key found, '%s' is not a valid YAML inventory plugin config file" % source)
                return 1
            plugin = inventory_loader.get(name)
            if not plugin:
                sys.stderr.write("inventory config '%s' specifies unknown plugin '%s'" % (source, name))
                return 1
            if not plugin.verify_file(source):
                sys.stderr.write("inventory source '%s' could not be verified by inventory plugin '%s'" % (source, name))
                return 1
        else:
            plugin = inventory_loader.get(name)
            if not plugin or not source:
                protocol.write(json.dumps({"loaded": bool(plugin)}))
                return 0
            if not plugin.verify_file(source):
                protocol.write(json.dumps({"verified": False}))
                return 0
        inventory = InventoryData()
        before = load_state(inventory, state)
        inventory.current_source = source  # as the inventory manager sets it for the hosts' inventory_file
        plugin.parse(inventory, loader, source, cache=True)
        try:
            plugin.update_cache_if_changed()
        except AttributeError:
            pass  # a plugin without a cache
    except AnsibleError as e:
        sys.stderr.write(to_text(e.message if hasattr(e, "message") else e))
        return 1
    except Exception as e:
        sys.stderr.write("%s: %s" % (type(e).__name__, e))
        return 1
    # what the plugin added to the inventory it was given, as an inventory script's --list
    # (not reconciled here: as Ansible reconciles after the last source, the engine puts a group no group holds under
    # all then, after the groups of the sources after this one; a host in no group is ungrouped, as reconciling makes it)
    listing = {}
    for group in inventory.groups.values():
        hosts, children, gvars = before["groups"].get(group.name, ([], [], {}))
        members = group.hosts if group.name != "ungrouped" else \
            [h for h in inventory.hosts.values() if not any(g.name not in ("all", "ungrouped") for g in h.groups)]
        entry = {"hosts": [h.name for h in members if h.name not in hosts and group.name != "all"],
                 "children": [c.name for c in group.child_groups if c.name not in children],
                 "vars": {k: v for k, v in group.vars.items() if changed(gvars, k, v)}}
        if group.name not in before["groups"] or any(entry.values()):
            listing[group.name] = entry
    hostvars = {}
    for host in inventory.hosts.values():
        hvars = before["hosts"].get(host.name, {})
        hostvars[host.name] = {k: v for k, v in host.vars.items()
                               if k not in ("inventory_file", "inventory_dir") and changed(hvars, k, v)}
    listing["_meta"] = {"hostvars": hostvars}
    out = {"plugin": to_text(getattr(plugin, "_load_name", name)), "listing": listing}
    protocol.write(json.dumps(out, cls=ListingEncoder))
    return 0


sys.exit(main())
