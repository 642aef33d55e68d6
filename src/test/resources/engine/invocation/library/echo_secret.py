#!/usr/bin/python
# A module that echoes its arguments as every AnsibleModule does (invocation), one of them a no_log option.
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(
        password=dict(type='str', no_log=True),
        name=dict(type='str', default='plain'),
    ))
    module.exit_json(changed=False, said=module.params['name'])


if __name__ == '__main__':
    main()
