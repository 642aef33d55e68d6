#!/usr/bin/env bash

ansible-playbook playbook.yml "$@"
