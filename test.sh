#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs the whole suite.
#
#   ./test.sh [extra ./mvnw arguments]
#
# The tests use Debian's python3 with numpy, Pillow and protobuf (the independent readers and the
# seed baseline), pytest (the Python client's suite) and PyTorch + torchvision (the real
# DataLoader / torch.distributed tests and the torchvision golden cases). Missing packages are
# installed with apt, through sudo when not root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PKGS=(python3-numpy python3-pil python3-protobuf python3-pytest python3-torch python3-torchvision)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "test.sh: installing ${missing[*]} (apt)" >&2
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null \
      || { echo "test.sh: not root and no sudo: install ${missing[*]} by hand" >&2; exit 1; }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/python3 -c 'import numpy, PIL, google.protobuf, pytest, torch, torchvision' \
  || { echo "test.sh: Debian's python3 cannot import numpy, PIL, protobuf, pytest, torch, torchvision" >&2; exit 1; }

exec ./mvnw -B verify "$@"
