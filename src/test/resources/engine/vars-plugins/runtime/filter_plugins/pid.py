# The process the filter plugins run in: the engine's plugin host
import os


def plugin_pid(value):
    return os.getpid()


class FilterModule(object):

    def filters(self):
        return {'plugin_pid': plugin_pid}
