import os, sys, yaml, re
KW = set("""name when tags vars register loop with_items with_list with_dict with_nested with_together with_sequence with_subelements with_fileglob with_first_found with_indexed_items with_random_choice with_lines with_file with_flattened with_inventory_hostnames with_dict with_random_choice loop_control until retries delay failed_when changed_when notify args
 ignore_errors ignore_unreachable no_log check_mode diff environment delegate_to delegate_facts run_once any_errors_fatal become become_user become_method become_flags throttle timeout listen block rescue always
 connection remote_user local_action action async poll debugger module_defaults collections vars_files tags apply""".split())
class L(yaml.SafeLoader): pass
def u(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode): return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode): return loader.construct_sequence(node)
    return loader.construct_mapping(node)
L.add_multi_constructor('!', u)
def tasks(obj, acc):
    if isinstance(obj, list):
        for x in obj: tasks(x, acc)
    elif isinstance(obj, dict):
        if 'hosts' in obj:
            for k in ('pre_tasks','tasks','post_tasks','handlers'):
                tasks(obj.get(k), acc)
            if obj.get('roles'): acc.add('ROLES')
            return
        if 'block' in obj:
            for k in ('block','rescue','always'): tasks(obj.get(k), acc)
            return
        if 'import_playbook' in obj: acc.add('import_playbook'); return
        for k in obj:
            if k not in KW:
                acc.add(k.replace('ansible.builtin.','').replace('ansible.legacy.',''))
        if 'local_action' in obj or 'action' in obj:
            v = obj.get('local_action') or obj.get('action')
            if isinstance(v, str): acc.add(v.split()[0])
            elif isinstance(v, dict): acc.add(v.get('module'))
root = sys.argv[1]
for t in sorted(os.listdir(root)):
    acc = set()
    for d, _, fs in os.walk(os.path.join(root, t)):
        for f in fs:
            if f.endswith(('.yml','.yaml')) and '/vars' not in d and '/defaults' not in d and 'group_vars' not in d and 'host_vars' not in d and '/meta' not in d:
                try:
                    for doc in yaml.load_all(open(os.path.join(d,f)), Loader=L): tasks(doc, acc)
                except Exception as e: acc.add('YAMLERR')
    print(t, ' '.join(sorted(str(a) for a in acc)))
