#!/usr/bin/env bash

set -eux

source ../setup_paramiko/setup.sh

./test.sh
