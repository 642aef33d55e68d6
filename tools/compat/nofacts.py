import sys, yaml
# usage: nofacts.py FILE... : adds "gather_facts: false" to every play that does not say gather_facts
class L(yaml.SafeLoader): pass
L.add_multi_constructor('!', lambda l, s, n: None)
for path in sys.argv[1:]:
    try:
        text = open(path).read()
    except UnicodeDecodeError:
        print("skip", path, "not utf-8"); continue
    try:
        node = yaml.compose(text, Loader=L)
    except Exception as e:
        print("skip", path, e); continue
    if not isinstance(node, yaml.SequenceNode): continue
    inserts = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode): continue
        keys = {k.value: (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        if 'hosts' not in keys or 'gather_facts' in keys: continue
        k, v = keys['hosts']
        end_line = v.end_mark.line if v.end_mark.column > 0 else v.end_mark.line - 1
        if isinstance(v, yaml.ScalarNode): end_line = v.end_mark.line
        inserts.append((end_line, k.start_mark.column))
    if not inserts: continue
    lines = text.split('\n')
    for line, col in sorted(inserts, reverse=True):
        lines.insert(line + 1, ' ' * col + 'gather_facts: false')
    open(path, 'w').write('\n'.join(lines))
    print("edited", path, len(inserts))
