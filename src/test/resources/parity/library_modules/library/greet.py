#!/usr/bin/python
# A new-style module: AnsibleModule reads its arguments, checks them and answers in JSON.
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec={
            'name': {'type': 'str', 'required': True},
            'shout': {'type': 'bool', 'default': False},
            'token': {'type': 'str', 'no_log': True},
        },
        supports_check_mode=True,
    )
    name = module.params['name']
    if name == 'nobody':
        module.fail_json(msg='cannot greet nobody', name=name)
    greeting = 'hello ' + name
    if module.params['shout']:
        greeting = greeting.upper()
    module.warn('greeted ' + name)
    module.exit_json(changed=not module.check_mode, greeting=greeting, checked=module.check_mode)


if __name__ == '__main__':
    main()
