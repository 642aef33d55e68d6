# A collection's filter, used as acme.tools.wrap; it imports the collection's own code as Ansible's loader allows.
from ansible_collections.acme.tools.plugins.module_utils.brackets import bracket


class FilterModule(object):
    def filters(self):
        return {'wrap': bracket}
