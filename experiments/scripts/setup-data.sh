#!/usr/bin/env bash
# Makes sure the Fashion-MNIST IDX files are available (the quick preset's dataset). On Debian/Ubuntu
# as root it installs the `dataset-fashion-mnist` package; elsewhere it says what to do.
set -euo pipefail
dir="${SCALING_LAB_DATA:-/usr/share/datasets/fashion-mnist}"
if [ -e "$dir/train-images-idx3-ubyte.gz" ] || [ -e "$dir/train-images-idx3-ubyte" ] || [ -e "$dir/fashion-mnist/train-images-idx3-ubyte.gz" ]; then
  exit 0
fi
if [ -n "${SCALING_LAB_DATA:-}" ]; then
  echo "setup-data: SCALING_LAB_DATA=$SCALING_LAB_DATA holds no Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz] ...)" >&2
  exit 1
fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "setup-data: installing Debian package dataset-fashion-mnist" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >&2
  exit 0
fi
echo "setup-data: Fashion-MNIST not found in $dir; run 'sudo apt-get install dataset-fashion-mnist', or download the four IDX files of the dataset's public release into a directory and set SCALING_LAB_DATA to it" >&2
exit 1
