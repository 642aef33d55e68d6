# A collection's filter that gives the name of its own Python module: Ansible loads a collection's plugin file as
# ansible_collections.NS.COLL.plugins.filter.FILE.


def module_name(value):
    return __name__


class FilterModule(object):
    def filters(self):
        return {'module_name': module_name}
