# Filters of the playbook's folder: arguments and keywords, Ansible's error, None and nested data, a builtin's name.
from ansible.errors import AnsibleFilterError


def label(value, prefix, sep='-', upper=False):
    text = '%s%s%s' % (prefix, sep, value)
    return text.upper() if upper else text


def must_be_port(value):
    if not isinstance(value, int) or not 0 < value < 65536:
        raise AnsibleFilterError('must_be_port: %r is no port number' % (value,))
    return value


def nothing(value):
    return None


def describe(value):
    return {
        'value': value,
        'type': type(value).__name__,
        'items': [1, 2.5, None, True, 'x', [], {}],
        'nested': {'ints': [0, -1, 10 ** 12], 'floats': [1.0, 0.5], 'none': None, 'flags': [True, False]},
        'pair': (1, 'a'),
    }


def bad_value(value):
    raise ValueError('cannot use %r' % (value,))


class FilterModule(object):
    def filters(self):
        return {
            'label': label,
            'must_be_port': must_be_port,
            'nothing': nothing,
            'describe': describe,
            'bad_value': bad_value,
            'upper': lambda value: 'upper of the playbook: %s' % value,
        }
