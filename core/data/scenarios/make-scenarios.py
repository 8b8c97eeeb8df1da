#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the bundled scenarios from the real-kernel captures in tests/analysis/realkernel/
(produced by tests/realkernel/run-realkernel.sh). Run it again after refreshing the captures."""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
captures = os.path.join(here, "..", "..", "..", "tests", "analysis", "realkernel")

SCENARIOS = [
    ("container-to-container", "legacy-dmesg-c1-to-c2.log", ["legacy-iptables-save.txt", "legacy-nft-ruleset.txt"],
     {"en": "Container to container", "zh_CN": "容器到容器"},
     {"en": "Container c1 (192.168.0.2) pings c2 (192.168.0.3) on the docker0 bridge. The frame never leaves the "
            "bridge, yet br_netfilter runs the IP chains from inside it: watch the iptables boxes of the link layer "
            "light up. The first request goes through nat; the reply and the second request do not.",
      "zh_CN": "容器 c1（192.168.0.2）通过 docker0 网桥 ping 容器 c2（192.168.0.3）。数据帧始终没有离开网桥，"
               "但 br_netfilter 会在网桥内部调用 IP 链：请注意链路层中 iptables 方框依次亮起。"
               "第一个请求经过 nat 表，而应答和第二个请求则不会。"}),
    ("host-to-container", "legacy-dmesg-host-to-c1.log", ["legacy-iptables-save.txt", "legacy-nft-ruleset.txt"],
     {"en": "Host to container", "zh_CN": "宿主机到容器"},
     {"en": "The host pings c1 through docker0. The request is generated locally, so it starts in the OUTPUT "
            "chains, then leaves through the bridge's own output path; the reply is passed up from the bridge to "
            "the host's INPUT chains.",
      "zh_CN": "宿主机通过 docker0 ping 容器 c1。请求由本机产生，因此从 OUTPUT 链开始，"
               "再经过网桥自己的输出路径发出；应答则由网桥上交给宿主机的 INPUT 链。"}),
    ("container-to-outside", "legacy-dmesg-c1-to-outside.log", ["legacy-iptables-save.txt", "legacy-nft-ruleset.txt"],
     {"en": "Container to the outside", "zh_CN": "容器访问外部主机"},
     {"en": "c1 pings a host outside (10.28.61.30). The packet is routed out of eth0 and masqueraded in nat "
            "POSTROUTING; the reply is translated back by conntrack and bridged to c1.",
      "zh_CN": "c1 ping 外部主机（10.28.61.30）。数据包从 eth0 路由出去，并在 nat POSTROUTING 中做 MASQUERADE；"
               "应答由 conntrack 反向转换后经网桥送回 c1。"}),
    ("published-port", "legacy-dmesg-published-port.log", ["legacy-iptables-save.txt", "legacy-nft-ruleset.txt"],
     {"en": "A published port (DNAT)", "zh_CN": "发布端口（DNAT）"},
     {"en": "The outside host opens TCP to the host's port 8080, which Docker publishes to c1:80. nat PREROUTING "
            "rewrites the destination of the SYN; every later packet of the connection is translated by conntrack "
            "without visiting nat again.",
      "zh_CN": "外部主机向宿主机的 8080 端口发起 TCP 连接，Docker 把该端口发布到 c1:80。nat PREROUTING 改写 SYN 的"
               "目的地址；此后该连接的每个数据包都由 conntrack 转换，不再经过 nat 表。"}),
    ("docker-user-drop", "legacy-dmesg-dockeruser-drop.log", ["legacy-iptables-save.txt", "legacy-nft-ruleset.txt"],
     {"en": "A ping dropped in DOCKER-USER", "zh_CN": "在 DOCKER-USER 中被丢弃的 ping"},
     {"en": "c2 pings the outside host, but a rule in DOCKER-USER drops ICMP from c2. Follow the packet into "
            "filter FORWARD and see exactly which rule ends its journey.",
      "zh_CN": "c2 ping 外部主机，但 DOCKER-USER 中的一条规则丢弃了来自 c2 的 ICMP。跟随数据包进入 filter FORWARD，"
               "看清楚究竟是哪条规则终止了它的旅程。"}),
    ("ipv6-container-to-container", "legacy-dmesg-ipv6-c1-to-c2.log",
     ["legacy-ip6tables-save.txt", "legacy-nft-ruleset.txt"],
     {"en": "IPv6 between containers", "zh_CN": "容器之间的 IPv6"},
     {"en": "c1 pings c2 over IPv6. IPv6 has no IP id, so nfviz tells packets apart by addresses, ICMPv6 id and "
            "sequence; ip6tables chains run from the bridge just as iptables chains do.",
      "zh_CN": "c1 通过 IPv6 ping c2。IPv6 没有 IP 标识字段，nfviz 依靠地址、ICMPv6 标识和序号区分数据包；"
               "ip6tables 的链同样由网桥调用，与 iptables 一样。"}),
]


def read(name):
    with open(os.path.join(captures, name), encoding="utf-8") as f:
        return f.read()


index = []
for key, trace, rulesets, title, intro in SCENARIOS:
    doc = {
        "format": "nfviz-scenario",
        "version": 1,
        "title": title,
        "introduction": intro,
        "traces": [{"name": trace, "text": read(trace)}],
        "rulesets": [{"name": r, "text": read(r)} for r in rulesets],
        "notes": [],
    }
    with open(os.path.join(here, key + ".nfviz"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
    index.append(key)
with open(os.path.join(here, "index.json"), "w", encoding="utf-8") as f:
    json.dump(index, f, indent=1)
