# The playbook's own filters; combine is found before Ansible's own, unless written ansible.builtin.combine.
class FilterModule(object):
    def filters(self):
        return {'shout': lambda value, marks=1: str(value).upper() + '!' * marks,
                'combine': lambda *args, **kwargs: 'the playbook combine'}
