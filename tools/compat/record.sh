#!/bin/bash
# usage: record.sh target...   (copies test/integration into /tmp/compat/rec/work, runs runme.sh with the recording shim)
SRC=/tmp/compat/test/integration
for t in "$@"; do
  W=/tmp/compat/rec/work-$t
  rm -rf $W; mkdir -p $W/targets
  cp -r $SRC/targets/$t $W/targets/
  for d in setup_remote_tmp_dir prepare_tests setup_test_user; do cp -r $SRC/targets/$d $W/targets/ 2>/dev/null; done
  cp $SRC/inventory $W/inventory
  mkdir -p $W/output
  ( cd $W/targets/$t && PATH=/tmp/compat/shim:$PATH REC_TARGET=$t REC_FILE=/tmp/compat/rec/$t.jsonl \
    ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_DEPRECATION_WARNINGS=0 OUTPUT_DIR=$W/output \
    INVENTORY_PATH=$W/inventory ANSIBLE_PLAYBOOK_DIR=$W/targets/$t timeout 900 ./runme.sh > /tmp/compat/rec/$t.log 2>&1; echo "runme rc=$?" >> /tmp/compat/rec/$t.log )
  echo "$t done: $(grep -c '"args"' /tmp/compat/rec/$t.jsonl 2>/dev/null) invocations, $(tail -1 /tmp/compat/rec/$t.log)"
done
