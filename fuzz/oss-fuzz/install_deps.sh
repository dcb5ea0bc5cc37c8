#!/bin/bash -eu
# Dependencies of acsconf inside gcr.io/oss-fuzz-base/base-builder (Ubuntu 20.04): its apt archive is
# too old for Boost.URL (1.81), nlohmann_json 3.11, CMake 3.25, CLI11 and valijson, so those are built
# from their release sources here (uninstrumented, like Debian's packages in the local fuzz build).
# Used by fuzz/oss-fuzz/Dockerfile and .clusterfuzzlite/Dockerfile. UNTESTED here (no access to the
# image registry from the development machines); the local proof is fuzz/oss-fuzz/check_build.sh.
apt-get update
apt-get install -y --no-install-recommends zip unzip pkg-config libssl-dev libcurl4-openssl-dev python3-pip
pip3 install 'cmake>=3.25,<4'

deps=/tmp/acsconf-deps
mkdir -p "$deps" && cd "$deps"

curl -fsSL https://archives.boost.io/release/1.81.0/source/boost_1_81_0.tar.gz | tar xz
(cd boost_1_81_0 && ./bootstrap.sh --with-libraries=url && ./b2 -j"$(nproc)" --with-url link=static,shared install >/dev/null)

clone_install() {  # clone_install URL TAG [cmake args...]
  local url="$1" tag="$2"; shift 2
  local dir; dir="$(basename "$url" .git)"
  git clone --depth 1 --branch "$tag" "$url" "$dir"
  cmake -S "$dir" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$dir/build" -j"$(nproc)"
  cmake --install "$dir/build"
}
clone_install https://github.com/nlohmann/json.git v3.11.2 -DJSON_BuildTests=OFF
clone_install https://github.com/zeux/pugixml.git v1.13
clone_install https://github.com/CLIUtils/CLI11.git v2.3.2 -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF
clone_install https://github.com/google/googletest.git release-1.12.1
clone_install https://github.com/tristanpenman/valijson.git v1.0.2 -Dvalijson_BUILD_TESTS=OFF
rm -rf "$deps"
