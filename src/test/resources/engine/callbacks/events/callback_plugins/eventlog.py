# A stdout callback that logs each event it gets, one line each, with the fields a plugin reads of ansible-core's
# objects (PythonCallbacksTest compares the lines with ansible-playbook's).
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'eventlog'

    def log(self, *fields):
        self._display.display(" ".join(str(f) for f in fields))

    def result(self, event, result, *more):
        r = result._result
        self.log(event, result._host.get_name(), result._task.get_name(), *more,
                 *["%s=%r" % (k, r[k]) for k in ('item', '_ansible_item_label', 'ansible_loop_var', 'msg', 'attempts',
                                                  'retries', 'changed', 'failed', 'skipped') if k in r])

    def v2_playbook_on_start(self, playbook):
        self.log("playbook_start", playbook._file_name.rsplit('/', 1)[-1])

    def v2_playbook_on_vars_prompt(self, varname, private=True, prompt=None, encrypt=None, confirm=False,
                                   salt_size=None, salt=None, default=None, unsafe=None):
        self.log("vars_prompt", varname, private, prompt, encrypt, confirm, salt_size, salt, default, unsafe)

    def v2_playbook_on_play_start(self, play):
        self.log("play_start", play.get_name(), play.strategy)

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.log("task_start", task.get_name(), task.action, is_conditional)

    def v2_playbook_on_handler_task_start(self, task):
        self.log("handler_task_start", task.get_name())

    def v2_runner_on_start(self, host, task):
        self.log("runner_start", host.get_name(), task.get_name())

    def v2_runner_on_ok(self, result):
        self.result("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.result("failed", result, "ignore_errors=%s" % ignore_errors)

    def v2_runner_on_skipped(self, result):
        self.result("skipped", result)

    def v2_runner_item_on_ok(self, result):
        self.result("item_ok", result)

    def v2_runner_item_on_failed(self, result):
        self.result("item_failed", result)

    def v2_runner_item_on_skipped(self, result):
        self.result("item_skipped", result)

    def v2_runner_retry(self, result):
        self.result("retry", result)

    def v2_on_file_diff(self, result):
        diff = result._result.get('diff')
        diffs = diff if isinstance(diff, list) else [diff] if diff else []
        self.result("file_diff", result, [(d.get('before'), d.get('after')) for d in diffs])

    def v2_playbook_on_include(self, included_file):
        self.log("include", included_file._filename.rsplit('/', 1)[-1], [h.get_name() for h in included_file._hosts],
                 included_file._task.get_name(), included_file._task.action, sorted(included_file._args.items()),
                 sorted(included_file._vars.items()))

    def v2_playbook_on_notify(self, handler, host):
        self.log("notify", handler.get_name(), host.get_name())

    def v2_playbook_on_no_hosts_remaining(self):
        self.log("no_hosts_remaining")

    def v2_playbook_on_stats(self, stats):
        self.log("stats", sorted((h, sorted(stats.summarize(h).items())) for h in stats.processed))
