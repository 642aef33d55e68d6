#!/bin/sh
echo "$(id -un) read: $(cat "$1")"
