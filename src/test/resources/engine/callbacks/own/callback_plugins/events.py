# A notification callback beside the playbook: it needs no enabling, so ansible-playbook runs it beside the stdout
# callback; it shows each event it gets with what it reads of ansible-core's objects.
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'events'

    def v2_playbook_on_play_start(self, play):
        self._display.display("events: play %s on %s" % (play.get_name(), play.get_path().rsplit('/', 1)[-1]))

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._display.display("events: task %s (%s) at %s" % (task.get_name(), task.action,
                                                              task.get_path().rsplit('/', 1)[-1]))

    def v2_runner_on_ok(self, result):
        r = result._result
        self._display.display("events: ok %s %s msg=%s censored=%s items=%s" % (
            result._host.get_name(), sorted(r), r.get('msg'), r.get('censored'),
            [sorted(i.items()) for i in r.get('results', [])]))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._display.display("events: failed %s ignored=%s %s" % (result._host.get_name(), ignore_errors,
                                                                 result._result.get('msg')))

    def v2_runner_on_skipped(self, result):
        self._display.display("events: skipped %s" % result._host.get_name())

    def v2_runner_item_on_ok(self, result):
        self._display.display("events: item %s" % result._result.get('_ansible_item_label'))

    def v2_playbook_on_stats(self, stats):
        self._display.display("events: stats %s" % sorted(stats.summarize(h) for h in stats.processed))
