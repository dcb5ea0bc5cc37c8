#!/bin/bash -eu
# ClusterFuzzLite build: the same as the OSS-Fuzz one (one build script to keep right).
exec bash "$SRC/acsconf/fuzz/oss-fuzz/build.sh"
