#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.pkg.nothing import data

AnsibleModule(argument_spec={}).exit_json(data=data)
