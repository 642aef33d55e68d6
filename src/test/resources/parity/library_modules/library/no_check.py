#!/usr/bin/python
# A new-style module that does not support check mode: AnsibleModule skips it there.
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec={})
module.exit_json(changed=True, msg='ran')
