#!/bin/sh
echo "hello from the role's files/ $1"
