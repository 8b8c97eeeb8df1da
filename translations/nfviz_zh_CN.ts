<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DiagramModel</name>
    <message>
        <source>packet received on an interface</source>
        <translation>接口 收到 数据包</translation>
    </message>
    <message>
        <source>ingress (tc qdisc, nft netdev ingress)</source>
        <translation>入口 (tc qdisc, nft netdev ingress)</translation>
    </message>
    <message>
        <source>bridge check (is the in-device a bridge port?)</source>
        <translation>网桥 检查 (入口设备 是 网桥端口 吗？)</translation>
    </message>
    <message>
        <source>broute BROUTING</source>
        <translation>broute BROUTING</translation>
    </message>
    <message>
        <source>nat PREROUTING (bridge)</source>
        <translation>nat PREROUTING (网桥)</translation>
    </message>
    <message>
        <source>raw PREROUTING (IP, from bridge)</source>
        <translation>raw PREROUTING (IP，网桥调用)</translation>
    </message>
    <message>
        <source>conntrack</source>
        <translation>连接跟踪 (conntrack)</translation>
    </message>
    <message>
        <source>mangle PREROUTING (IP, from bridge)</source>
        <translation>mangle PREROUTING (IP，网桥调用)</translation>
    </message>
    <message>
        <source>nat PREROUTING (IP, from bridge)</source>
        <translation>nat PREROUTING (IP，网桥调用)</translation>
    </message>
    <message>
        <source>bridging decision (bridge / flood / pass up / ignore)</source>
        <translation>桥接 决策 (转发 / 泛洪 / 上交 / 忽略)</translation>
    </message>
    <message>
        <source>filter INPUT (bridge)</source>
        <translation>filter INPUT (网桥)</translation>
    </message>
    <message>
        <source>filter FORWARD (bridge)</source>
        <translation>filter FORWARD (网桥)</translation>
    </message>
    <message>
        <source>mangle FORWARD (IP, from bridge)</source>
        <translation>mangle FORWARD (IP，网桥调用)</translation>
    </message>
    <message>
        <source>filter FORWARD (IP, from bridge)</source>
        <translation>filter FORWARD (IP，网桥调用)</translation>
    </message>
    <message>
        <source>security FORWARD (IP, from bridge)</source>
        <translation>security FORWARD (IP，网桥调用)</translation>
    </message>
    <message>
        <source>nat OUTPUT (bridge)</source>
        <translation>nat OUTPUT (网桥)</translation>
    </message>
    <message>
        <source>filter OUTPUT (bridge)</source>
        <translation>filter OUTPUT (网桥)</translation>
    </message>
    <message>
        <source>nat POSTROUTING (bridge)</source>
        <translation>nat POSTROUTING (网桥)</translation>
    </message>
    <message>
        <source>mangle POSTROUTING (IP, from bridge)</source>
        <translation>mangle POSTROUTING (IP，网桥调用)</translation>
    </message>
    <message>
        <source>nat POSTROUTING (IP, from bridge)</source>
        <translation>nat POSTROUTING (IP，网桥调用)</translation>
    </message>
    <message>
        <source>egress (nft netdev egress, tc qdisc)</source>
        <translation>出口 (nft netdev egress, tc qdisc)</translation>
    </message>
    <message>
        <source>interface output</source>
        <translation>接口 发送</translation>
    </message>
    <message>
        <source>raw PREROUTING</source>
        <translation>raw PREROUTING</translation>
    </message>
    <message>
        <source>mangle PREROUTING</source>
        <translation>mangle PREROUTING</translation>
    </message>
    <message>
        <source>nat PREROUTING</source>
        <translation>nat PREROUTING</translation>
    </message>
    <message>
        <source>routing decision</source>
        <translation>路由 决策</translation>
    </message>
    <message>
        <source>mangle INPUT</source>
        <translation>mangle INPUT</translation>
    </message>
    <message>
        <source>filter INPUT</source>
        <translation>filter INPUT</translation>
    </message>
    <message>
        <source>security INPUT</source>
        <translation>security INPUT</translation>
    </message>
    <message>
        <source>nat INPUT</source>
        <translation>nat INPUT</translation>
    </message>
    <message>
        <source>local process (socket)</source>
        <translation>本机 进程 (套接字)</translation>
    </message>
    <message>
        <source>mangle FORWARD</source>
        <translation>mangle FORWARD</translation>
    </message>
    <message>
        <source>filter FORWARD</source>
        <translation>filter FORWARD</translation>
    </message>
    <message>
        <source>security FORWARD</source>
        <translation>security FORWARD</translation>
    </message>
    <message>
        <source>routing decision (locally generated)</source>
        <translation>路由 决策 (本机产生)</translation>
    </message>
    <message>
        <source>raw OUTPUT</source>
        <translation>raw OUTPUT</translation>
    </message>
    <message>
        <source>mangle OUTPUT</source>
        <translation>mangle OUTPUT</translation>
    </message>
    <message>
        <source>nat OUTPUT</source>
        <translation>nat OUTPUT</translation>
    </message>
    <message>
        <source>filter OUTPUT</source>
        <translation>filter OUTPUT</translation>
    </message>
    <message>
        <source>security OUTPUT</source>
        <translation>security OUTPUT</translation>
    </message>
    <message>
        <source>reroute check</source>
        <translation>重新路由 检查</translation>
    </message>
    <message>
        <source>mangle POSTROUTING</source>
        <translation>mangle POSTROUTING</translation>
    </message>
    <message>
        <source>nat POSTROUTING</source>
        <translation>nat POSTROUTING</translation>
    </message>
    <message>
        <source>xfrm lookup</source>
        <translation>xfrm 查找</translation>
    </message>
    <message>
        <source>xfrm encode</source>
        <translation>xfrm 封装</translation>
    </message>
    <message>
        <source>xfrm decode</source>
        <translation>xfrm 解封装</translation>
    </message>
    <message>
        <source>application layer</source>
        <translation>应用层</translation>
    </message>
    <message>
        <source>protocol layer</source>
        <translation>协议层</translation>
    </message>
    <message>
        <source>network layer</source>
        <translation>网络层</translation>
    </message>
    <message>
        <source>link layer</source>
        <translation>链路层</translation>
    </message>
    <message>
        <source>INPUT PATH</source>
        <translation>输入路径</translation>
    </message>
    <message>
        <source>FORWARD PATH</source>
        <translation>转发路径</translation>
    </message>
    <message>
        <source>OUTPUT PATH</source>
        <translation>输出路径</translation>
    </message>
</context>
<context>
    <name>Explainer</name>
    <message>
        <source>ebtables %1 %2</source>
        <translation>ebtables %1 %2</translation>
    </message>
    <message>
        <source>iptables %1 %2</source>
        <translation>iptables %1 %2</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>入口 %1</translation>
    </message>
    <message>
        <source>out %1</source>
        <translation>出口 %1</translation>
    </message>
    <message>
        <source>%1 saw the frame%2. The line comes from a LOG rule%3, so it shows that the chain ran, not which rule decided.</source>
        <translation>%1 看到了这个数据帧%2。这一行来自一条 LOG 规则%3，因此它只说明该链运行过，并不说明是哪条规则做出了决定。</translation>
    </message>
    <message>
        <source>%1 returned (end of the chain).</source>
        <translation>%1 返回（到达链的末尾）。</translation>
    </message>
    <message>
        <source>%1 ended%2 and returned to the chain that called it.</source>
        <translation>%1 结束%2，返回到调用它的链。</translation>
    </message>
    <message>
        <source> at entry %1</source>
        <translation>于第 %1 条</translation>
    </message>
    <message>
        <source>(not known: the loaded rulesets do not have this chain)</source>
        <translation>（未知：已加载的规则集中没有这条链）</translation>
    </message>
    <message>
        <source>%1: its one rule did not decide, so the chain&apos;s policy %2 applied.</source>
        <translation>%1：链中唯一的一条规则没有做出决定，因此执行了链的默认策略 %2。</translation>
    </message>
    <message>
        <source>%1: none of its %2 rules decided, so the chain&apos;s policy %3 applied.</source>
        <translation>%1：链中的 %2 条规则都没有做出决定，因此执行了链的默认策略 %3。</translation>
    </message>
    <message>
        <source>%1: no rule decided, so the chain&apos;s policy %2 applied.</source>
        <translation>%1：没有规则做出决定，因此执行了链的默认策略 %2。</translation>
    </message>
    <message>
        <source>Rule 1 is the TRACE rule itself: legacy iptables does not log it, because tracing is switched on only by that rule, so the first line is the chain&apos;s end.</source>
        <translation>第 1 条规则就是 TRACE 规则本身：传统 iptables 不会记录它，因为跟踪正是由这条规则打开的，所以第一行显示的是链的末尾。</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>rule handle %1</source>
        <translation>规则句柄 %1</translation>
    </message>
    <message>
        <source>a rule</source>
        <translation>一条规则</translation>
    </message>
    <message>
        <source>%1: %2 matched%3 and sent the packet to chain %4.</source>
        <translation>%1：%2 匹配%3，把数据包交给链 %4。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: ACCEPT, the packet leaves this chain and goes on.</source>
        <translation>%1：%2 匹配%3：ACCEPT，数据包离开这条链继续前进。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: DROP, the packet is discarded here.</source>
        <translation>%1：%2 匹配%3：DROP，数据包在这里被丢弃。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: REJECT, the packet is discarded and an error is sent back.</source>
        <translation>%1：%2 匹配%3：REJECT，数据包被丢弃并回送一个错误。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: RETURN to the calling chain.</source>
        <translation>%1：%2 匹配%3：RETURN，返回到调用它的链。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: the source address is rewritten (%4); conntrack keeps the mapping, so later packets of the connection skip this chain.</source>
        <translation>%1：%2 匹配%3：源地址被改写（%4）；conntrack 记住这个映射，因此该连接后续的数据包不再经过这条链。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: the destination is rewritten (DNAT); conntrack keeps the mapping, so later packets of the connection skip this chain.</source>
        <translation>%1：%2 匹配%3：目的地址被改写（DNAT）；conntrack 记住这个映射，因此该连接后续的数据包不再经过这条链。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3 and evaluation continued with the next rule.</source>
        <translation>%1：%2 匹配%3，然后继续检查下一条规则。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3: %4.</source>
        <translation>%1：%2 匹配%3：%4。</translation>
    </message>
    <message>
        <source>%1: %2 matched (load a ruleset snapshot to see its text and target).</source>
        <translation>%1：%2 匹配（加载规则集快照即可看到规则内容和目标）。</translation>
    </message>
    <message>
        <source>%1: %2 matched%3.</source>
        <translation>%1：%2 匹配%3。</translation>
    </message>
    <message>
        <source>nat %1: not consulted: only the first packet of a connection goes through the nat chains; conntrack translates later packets (and replies) from the binding it stored.</source>
        <translation>nat %1：未被查询：只有连接的第一个数据包会经过 nat 链；后续数据包（以及应答）由 conntrack 按照已保存的映射进行转换。</translation>
    </message>
    <message>
        <source>No nat lines: this packet belongs to a connection conntrack already knows, and nat chains see only a connection&apos;s first packet.</source>
        <translation>没有 nat 行：这个数据包属于 conntrack 已经知道的连接，而 nat 链只处理连接的第一个数据包。</translation>
    </message>
    <message>
        <source>No bridge-family (ebtables) lines in this trace: bridge chains are drawn as passed, not traced.</source>
        <translation>这份跟踪中没有网桥族（ebtables）的行：网桥链被画成“经过但未跟踪”。</translation>
    </message>
    <message>
        <source>%1: not traced (the trace has no bridge-family lines).</source>
        <translation>%1：未跟踪（这份跟踪中没有网桥族的行）。</translation>
    </message>
    <message>
        <source>%1: passed without a line (no logging rule there, or the table is not loaded).</source>
        <translation>%1：经过但没有输出（那里没有记录规则，或者该表没有加载）。</translation>
    </message>
    <message>
        <source>The %1 table printed nothing anywhere in this trace: with legacy iptables a table exists in a network namespace only once userspace has used it (recent kernels create it on first use, older ones load iptable_%1 on first use), and a loaded table, even empty, prints a policy line. So %1 was not loaded when this was traced.</source>
        <translation>%1 表在整份跟踪中没有输出任何内容：使用传统 iptables 时，一个表只有在用户空间用过之后才会存在于网络命名空间中（较新的内核在第一次使用时创建它，较旧的内核在第一次使用时加载 iptable_%1 模块），而已加载的表即使为空也会输出一行策略。因此在跟踪时 %1 表并没有加载。</translation>
    </message>
    <message>
        <source>%1: no line: the %2 table was not loaded in this namespace when the trace ran.</source>
        <translation>%1：没有输出：跟踪时这个命名空间中没有加载 %2 表。</translation>
    </message>
    <message>
        <source>No %1 lines: iptables-nft and nft create a table or chain only when a rule needs it, so there is no %1 chain at this hook.</source>
        <translation>没有 %1 行：iptables-nft 和 nft 只在规则需要时才创建表或链，所以这个钩子上没有 %1 链。</translation>
    </message>
    <message>
        <source>%1: no chain of this table at this hook, nothing to trace.</source>
        <translation>%1：这个钩子上没有该表的链，没有可跟踪的内容。</translation>
    </message>
    <message>
        <source>The %1 table printed lines for other packets of this trace but not for this one: it was loaded after this packet passed (legacy iptables creates a table on first use).</source>
        <translation>%1 表为这份跟踪中的其他数据包输出过内容，却没有为这个数据包输出：它是在这个数据包经过之后才加载的（传统 iptables 在第一次使用时创建表）。</translation>
    </message>
    <message>
        <source>%1: no line for this packet, though the %2 table printed for others: it was loaded later.</source>
        <translation>%1：这个数据包没有输出，但 %2 表为其他数据包输出过：它是后来才加载的。</translation>
    </message>
    <message>
        <source>%1: passed without a trace line for this packet.</source>
        <translation>%1：经过，但没有为这个数据包输出跟踪行。</translation>
    </message>
    <message>
        <source>The frame arrives on a network interface.</source>
        <translation>数据帧到达一个网络接口。</translation>
    </message>
    <message>
        <source>The frame arrives on %1.</source>
        <translation>数据帧到达 %1。</translation>
    </message>
    <message>
        <source>The packet is handed to the network interface and sent.</source>
        <translation>数据包交给网络接口发送出去。</translation>
    </message>
    <message>
        <source>The packet is sent out of %1.</source>
        <translation>数据包从 %1 发送出去。</translation>
    </message>
    <message>
        <source>Ingress hooks (tc, nft netdev ingress) run here; nothing in this trace shows them.</source>
        <translation>入口钩子（tc、nft netdev ingress）在这里运行；这份跟踪中没有它们的记录。</translation>
    </message>
    <message>
        <source>Egress hooks (nft netdev egress, tc) and the queueing discipline run here; nothing in this trace shows them.</source>
        <translation>出口钩子（nft netdev egress、tc）和排队规则在这里运行；这份跟踪中没有它们的记录。</translation>
    </message>
    <message>
        <source>The receiving device is not a bridge port, so the packet goes straight to the IP stack.</source>
        <translation>接收设备不是网桥端口，因此数据包直接进入 IP 协议栈。</translation>
    </message>
    <message>
        <source>The receiving device is a bridge port, so the bridge takes the frame.</source>
        <translation>接收设备是网桥端口，因此由网桥接管这个数据帧。</translation>
    </message>
    <message>
        <source>%1 is a bridge port, so the bridge takes the frame.</source>
        <translation>%1 是网桥端口，因此由网桥接管这个数据帧。</translation>
    </message>
    <message>
        <source>Bridging decision: the bridge looks up the destination MAC address and forwards the frame to another port.</source>
        <translation>桥接决策：网桥查找目的 MAC 地址，把数据帧转发到另一个端口。</translation>
    </message>
    <message>
        <source>Bridging decision: the bridge looks up the destination MAC address and forwards the frame to port %1.</source>
        <translation>桥接决策：网桥查找目的 MAC 地址，把数据帧转发到端口 %1。</translation>
    </message>
    <message>
        <source>Bridging decision: the frame is addressed to this host (the bridge&apos;s own MAC address), so the bridge passes it up to the IP stack.</source>
        <translation>桥接决策：数据帧发往本机（网桥自己的 MAC 地址），因此网桥把它上交给 IP 协议栈。</translation>
    </message>
    <message>
        <source>Routing decision: %1 is an address of this host, so the packet is delivered locally.</source>
        <translation>路由决策：%1 是本机地址，因此数据包交付给本机。</translation>
    </message>
    <message>
        <source>the destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <source>Routing decision: %1 is not an address of this host, so the packet is forwarded%2.</source>
        <translation>路由决策：%1 不是本机地址，因此数据包被转发%2。</translation>
    </message>
    <message>
        <source> out of %1</source>
        <translation>，从 %1 发出</translation>
    </message>
    <message>
        <source>Routing decision for a locally generated packet: the kernel picks the outgoing interface and source address.</source>
        <translation>本机产生的数据包的路由决策：内核选择出口接口和源地址。</translation>
    </message>
    <message>
        <source>Routing decision for a locally generated packet: it will leave through %1.</source>
        <translation>本机产生的数据包的路由决策：它将从 %1 发出。</translation>
    </message>
    <message>
        <source>Reroute check: if a mangle or nat rule in OUTPUT changed the packet, its route is looked up again.</source>
        <translation>重新路由检查：如果 OUTPUT 中的 mangle 或 nat 规则修改了数据包，就重新查找路由。</translation>
    </message>
    <message>
        <source>A local process sends the packet.</source>
        <translation>本机进程发送这个数据包。</translation>
    </message>
    <message>
        <source>The packet reaches the socket of a local process.</source>
        <translation>数据包到达本机进程的套接字。</translation>
    </message>
    <message>
        <source>%1: conntrack looks the packet up (or creates its entry); it prints no trace line.</source>
        <translation>%1：conntrack 查找这个数据包（或为它创建条目）；这里不输出跟踪行。</translation>
    </message>
    <message>
        <source>%1: no IPsec policy applies on this path, so nothing happens here.</source>
        <translation>%1：这条路径上没有适用的 IPsec 策略，因此这里什么也不做。</translation>
    </message>
    <message>
        <source>%1: no trace line is printed here.</source>
        <translation>%1：这里不输出跟踪行。</translation>
    </message>
    <message>
        <source>by the policy of %1 %2</source>
        <translation>由 %1 %2 的默认策略</translation>
    </message>
    <message>
        <source>by rule %1 of %2 %3</source>
        <translation>由 %2 %3 的规则 %1</translation>
    </message>
    <message>
        <source>by a rule of %1 %2</source>
        <translation>由 %1 %2 中的一条规则</translation>
    </message>
    <message>
        <source>Dropped %1%2.</source>
        <translation>%1丢弃%2。</translation>
    </message>
    <message>
        <source> (received on %1)</source>
        <translation>（从 %1 收到）</translation>
    </message>
    <message>
        <source>Delivered to a local process on this host%1: the last chain, %2 %3, let it through.</source>
        <translation>交付给本机的进程%1：最后一条链 %2 %3 放行了它。</translation>
    </message>
    <message>
        <source>%1 through bridge port %2</source>
        <translation>%1（经网桥端口 %2）</translation>
    </message>
    <message>
        <source>Flooded by the bridge to %1 ports (%2): the bridge did not yet know which port leads to the destination, so each port got a copy.</source>
        <translation>网桥把它泛洪到 %1 个端口（%2）：网桥还不知道哪个端口通往目的地，所以每个端口都收到一份副本。</translation>
    </message>
    <message>
        <source>Sent by a local process out of %1.</source>
        <translation>由本机进程从 %1 发出。</translation>
    </message>
    <message>
        <source>an interface</source>
        <translation>某个接口</translation>
    </message>
    <message>
        <source>Forwarded out of %1.</source>
        <translation>从 %1 转发出去。</translation>
    </message>
    <message>
        <source>Accepted by %1 %2 and sent out of %3; the chains after it printed nothing for this packet (nat sees only a connection&apos;s first packet; tables that are not loaded print nothing).</source>
        <translation>被 %1 %2 接受并从 %3 发出；之后的链没有为这个数据包输出任何内容（nat 只处理连接的第一个数据包；未加载的表不会输出）。</translation>
    </message>
    <message>
        <source>The bridge passed the frame up to this host&apos;s IP stack (%1); no IP chain printed a line after it in this trace (iptables-nft and nft tracing go to nft monitor trace or xtables-monitor, not to the kernel log).</source>
        <translation>网桥把数据帧上交给了本机的 IP 协议栈（%1）；这份跟踪中此后没有任何 IP 链输出（iptables-nft 和 nft 的跟踪输出到 nft monitor trace 或 xtables-monitor，而不是内核日志）。</translation>
    </message>
    <message>
        <source>The trace ends at %1 (%2 %3): nothing later printed a line for this packet, so it was dropped by something not traced, or the chains after this one had no tracing.</source>
        <translation>跟踪在 %1（%2 %3）结束：此后没有任何地方为这个数据包输出，因此它要么被未跟踪的东西丢弃了，要么之后的链没有开启跟踪。</translation>
    </message>
    <message>
        <source>Line %1: nft did not know rule handle %2 (the rule changed while tracing); load a ruleset snapshot taken with nft -a to see it.</source>
        <translation>第 %1 行：nft 不认识规则句柄 %2（跟踪期间规则发生了变化）；加载用 nft -a 导出的规则集快照即可看到它。</translation>
    </message>
    <message>
        <source> (later seen as %1)</source>
        <translation>（之后显示为 %1）</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Packet %1 (flow %2, %3): %4
</source>
        <translation>数据包 %1（流 %2，%3）：%4
</translation>
    </message>
    <message>
        <source>  Outcome: %1. %2
</source>
        <translation>  结果：%1。%2
</translation>
    </message>
    <message>
        <source>  Note: %1
</source>
        <translation>  说明：%1
</translation>
    </message>
    <message>
        <source>%1: %2 lines, %3 trace events (%4 format), %5 skipped; %6 packets in %7 flows.

</source>
        <translation>%1：%2 行，%3 个跟踪事件（%4 格式），跳过 %5 行；%6 个数据包，%7 个流。

</translation>
    </message>
    <message>
        <source>Diagnostics:
</source>
        <translation>诊断信息：
</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>已转发</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原始方向</translation>
    </message>
    <message>
        <source> [copy to %1]</source>
        <translation> [发往 %1 的副本]</translation>
    </message>
    <message>
        <source>  %1. %2 — %3 (line %4)%5
</source>
        <translation>  %1. %2 — %3（第 %4 行）%5
</translation>
    </message>
    <message>
        <source>   ·  %1 — %2 (not traced)%3
</source>
        <translation>   ·  %1 — %2（未跟踪）%3
</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>This is not an nfviz scenario file: it is not valid JSON (%1 at byte %2).</source>
        <translation>这不是 nfviz 场景文件：它不是有效的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>This is not an nfviz scenario file: its &quot;format&quot; field is missing or wrong.</source>
        <translation>这不是 nfviz 场景文件：它的“format”字段缺失或不正确。</translation>
    </message>
    <message>
        <source>The scenario file has no valid version number.</source>
        <translation>场景文件没有有效的版本号。</translation>
    </message>
    <message>
        <source>The scenario file is of version %1; this nfviz reads versions up to %2. Update nfviz to open it.</source>
        <translation>场景文件的版本是 %1；当前的 nfviz 只能读取 %2 及以下的版本。请更新 nfviz 后再打开。</translation>
    </message>
    <message>
        <source>The scenario&apos;s title or introduction is malformed (text, or an object of language → text expected).</source>
        <translation>场景的标题或简介格式错误（应为文本，或“语言 → 文本”的对象）。</translation>
    </message>
    <message>
        <source>The scenario&apos;s &quot;%1&quot; is not a list.</source>
        <translation>场景中的“%1”不是列表。</translation>
    </message>
    <message>
        <source>Entry %1 of the scenario&apos;s &quot;%2&quot; has no text.</source>
        <translation>场景“%2”中的第 %1 项没有文本。</translation>
    </message>
    <message>
        <source>The scenario contains no trace.</source>
        <translation>场景中没有任何跟踪。</translation>
    </message>
    <message>
        <source>Note %1 of the scenario is malformed (packet ≥ 1, hop ≥ 0 and a text are needed).</source>
        <translation>场景的第 %1 条注释格式错误（需要 packet ≥ 1、hop ≥ 0 以及文本）。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large for a scenario file.</source>
        <translation>%1 太大，不是场景文件。</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>nfviz</name>
    <message>
        <source>docker0 example: container → container</source>
        <translation>docker0 示例：容器 → 容器</translation>
    </message>
    <message>
        <source>nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>unknown image format &quot;%1&quot;: use .svg, .png or .pdf</source>
        <translation>未知的图像格式“%1”：请使用 .svg、.png 或 .pdf</translation>
    </message>
    <message>
        <source>image size %1×%2 is too large</source>
        <translation>图像尺寸 %1×%2 过大</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>unknown theme &quot;%1&quot;: use %2</source>
        <translation>未知的主题“%1”：请使用 %2</translation>
    </message>
    <message>
        <source>no packet %1: the input has %2 packet(s)</source>
        <translation>没有数据包 %1：输入中共有 %2 个数据包</translation>
    </message>
    <message>
        <source>packet %1 has %2 hop(s), not %3</source>
        <translation>数据包 %1 有 %2 跳，没有第 %3 跳</translation>
    </message>
</context>
<context>
    <name>nfviz::AnalysisJob</name>
    <message>
        <source>%1 cannot be read (missing, or no permission): skipped</source>
        <translation>无法读取 %1（不存在或没有权限）：已跳过</translation>
    </message>
    <message>
        <source>%1: ruleset snapshot too large or unreadable: skipped</source>
        <translation>%1：规则集快照太大或无法读取：已跳过</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
</context>
<context>
    <name>nfviz::DiagnosticsModel</name>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>nfviz::DiagramScene</name>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
</context>
<context>
    <name>nfviz::HopInspector</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>No packet selected</source>
        <translation>未选择数据包</translation>
    </message>
    <message>
        <source>Select a packet in the Packets panel, then step through its hops.</source>
        <translation>在“数据包”面板中选择一个数据包，然后逐跳查看。</translation>
    </message>
    <message>
        <source>Source line</source>
        <translation>源行</translation>
    </message>
    <message>
        <source>#%1 %2 — hop %3 of %4: %5</source>
        <translation>#%1 %2 — 第 %3 跳（共 %4 跳）：%5</translation>
    </message>
    <message>
        <source>Seen in the trace.</source>
        <translation>在跟踪中看到。</translation>
    </message>
    <message>
        <source>No trace line shows this step; the diagram&apos;s edges imply it.</source>
        <translation>没有跟踪行显示这一步；是由流程图的连线推断出来的。</translation>
    </message>
    <message>
        <source>Hop</source>
        <translation>跳</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>方框</translation>
    </message>
    <message>
        <source>Seen in trace</source>
        <translation>在跟踪中看到</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no — inferred</source>
        <translation>否 — 推断</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>链</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>句柄</translation>
    </message>
    <message>
        <source>Rule text</source>
        <translation>规则文本</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Bridge port (flooded copy)</source>
        <translation>网桥端口（泛洪副本）</translation>
    </message>
    <message>
        <source>Packet</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>Link layer</source>
        <translation>链路层</translation>
    </message>
    <message>
        <source>MAC destination</source>
        <translation>MAC 目的地址</translation>
    </message>
    <message>
        <source>MAC source</source>
        <translation>MAC 源地址</translation>
    </message>
    <message>
        <source>MAC type</source>
        <translation>MAC 类型</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>Network layer</source>
        <translation>网络层</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>IP options</source>
        <translation>IP 选项</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输层</translation>
    </message>
    <message>
        <source>TCP flags</source>
        <translation>TCP 标志</translation>
    </message>
    <message>
        <source>TCP options</source>
        <translation>TCP 选项</translation>
    </message>
    <message>
        <source>UDP length</source>
        <translation>UDP 长度</translation>
    </message>
    <message>
        <source>ARP</source>
        <translation>ARP</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>操作码</translation>
    </message>
    <message>
        <source>Sender IP</source>
        <translation>发送方 IP</translation>
    </message>
    <message>
        <source>Target IP</source>
        <translation>目标 IP</translation>
    </message>
    <message>
        <source>Meta and conntrack</source>
        <translation>元数据与连接跟踪</translation>
    </message>
    <message>
        <source>ct state</source>
        <translation>ct 状态</translation>
    </message>
    <message>
        <source>ct direction</source>
        <translation>ct 方向</translation>
    </message>
    <message>
        <source>ct status</source>
        <translation>ct 状态位</translation>
    </message>
    <message>
        <source>ct id</source>
        <translation>ct 编号</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Header line</source>
        <translation>报头行</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>协议族</translation>
    </message>
    <message>
        <source>Trace id</source>
        <translation>跟踪 ID</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Source line %1 of %2</source>
        <translation>%2 的第 %1 行</translation>
    </message>
    <message>
        <source>the input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>(the reader did not keep the raw line)</source>
        <translation>（读取器没有保留原始行）</translation>
    </message>
    <message>
        <source>(inferred step: no line)</source>
        <translation>（推断的步骤：没有对应的行）</translation>
    </message>
</context>
<context>
    <name>nfviz::IntroductionCard</name>
    <message>
        <source>Present (F5)</source>
        <translation>演示 (F5)</translation>
    </message>
    <message>
        <source>Walk the room through this packet&apos;s path, full screen</source>
        <translation>全屏演示，带大家一步步看这个数据包的路径</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>nfviz::LegendItem</name>
    <message>
        <source>hop seen in the trace (hop no.)</source>
        <translation>在跟踪中看到的跳（跳序号）</translation>
    </message>
    <message>
        <source>step passed, no trace line</source>
        <translation>经过的步骤，没有跟踪行</translation>
    </message>
    <message>
        <source>not visited by this packet</source>
        <translation>此数据包未经过</translation>
    </message>
    <message>
        <source>where the packet was dropped</source>
        <translation>数据包被丢弃的位置</translation>
    </message>
</context>
<context>
    <name>nfviz::MainWindow</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open traces and ruleset snapshots (several at once)</source>
        <translation>打开跟踪和规则集快照（可一次选择多个）</translation>
    </message>
    <message>
        <source>Open the docker0 &amp;Example</source>
        <translation>打开 docker0 示例(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Paste Trace</source>
        <translation>粘贴跟踪(&amp;P)</translation>
    </message>
    <message>
        <source>Load trace text (or file names) from the clipboard</source>
        <translation>从剪贴板载入跟踪文本（或文件名）</translation>
    </message>
    <message>
        <source>Export &amp;View…</source>
        <translation>导出视图(&amp;V)…</translation>
    </message>
    <message>
        <source>Export Whole &amp;Diagram…</source>
        <translation>导出整个流程图(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Filter Packets</source>
        <translation>过滤数据包(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Step &amp;Forward</source>
        <translation>前进一跳(&amp;F)</translation>
    </message>
    <message>
        <source>Step &amp;Back</source>
        <translation>后退一跳(&amp;B)</translation>
    </message>
    <message>
        <source>F&amp;irst Hop</source>
        <translation>第一跳(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Last Hop</source>
        <translation>最后一跳(&amp;L)</translation>
    </message>
    <message>
        <source>F&amp;aster</source>
        <translation>加快(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Slower</source>
        <translation>减慢(&amp;S)</translation>
    </message>
    <message>
        <source>Play &amp;All</source>
        <translation>全部播放(&amp;A)</translation>
    </message>
    <message>
        <source>Run every listed packet in trace time, several tokens at once</source>
        <translation>按跟踪时间运行列出的所有数据包，同时显示多个标记</translation>
    </message>
    <message>
        <source>F&amp;ollow Selected Packet</source>
        <translation>跟随所选数据包(&amp;O)</translation>
    </message>
    <message>
        <source>During Play All, keep the selected packet&apos;s token in view</source>
        <translation>全部播放时，让所选数据包的标记保持在视图中</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit Diagram</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Actual Size (&amp;1:1)</source>
        <translation>实际大小(&amp;1:1)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;About nfviz</source>
        <translation>关于 nfviz(&amp;A)</translation>
    </message>
    <message>
        <source>About nfviz</source>
        <translation>关于 nfviz</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>播放器</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Play all</source>
        <translation>全部播放</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Filter: address, port, protocol, chain, outcome (e.g. 192.168.0.3 icmp outcome:dropped)</source>
        <translation>过滤：地址、端口、协议、链、结果（例如 192.168.0.3 icmp outcome:dropped）</translation>
    </message>
    <message>
        <source>Space-separated terms, all must match. Keys: addr: port: proto: chain: outcome: — a leading - negates a term.</source>
        <translation>以空格分隔的条件，必须全部匹配。键：addr: port: proto: chain: outcome: —— 以 - 开头表示取反。</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Hop Inspector</source>
        <translation>跳检查器</translation>
    </message>
    <message>
        <source>Double-click a row to see its line</source>
        <translation>双击一行查看对应的源行</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop reading; the packets read so far stay</source>
        <translation>停止读取；已读取的数据包会保留</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>Open traces and ruleset snapshots</source>
        <translation>打开跟踪和规则集快照</translation>
    </message>
    <message>
        <source>clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <source>The clipboard holds no text to load</source>
        <translation>剪贴板中没有可载入的文本</translation>
    </message>
    <message>
        <source>dropped text</source>
        <translation>拖入的文本</translation>
    </message>
    <message>
        <source>%1 — nfviz</source>
        <translation>%1 — nfviz</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Diagnostics (%1)</source>
        <translation>诊断 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n packet(s) read so far</source>
        <translation>
            <numerusform>已取消：目前已读取 %n 个数据包</numerusform>
        </translation>
    </message>
    <message>
        <source>No packets found in %1 — see Diagnostics</source>
        <translation>在 %1 中没有找到数据包——请查看诊断</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n packet(s)</source>
        <translation>
            <numerusform>%1：%n 个数据包</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message numerus="yes">
        <source>, %n line(s) skipped</source>
        <translation>
            <numerusform>，跳过 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s)</source>
        <translation>
            <numerusform>%n 个数据包</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n packet(s)</source>
        <translation>
            <numerusform>%n 个数据包中的 %1 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n problem(s)</source>
        <translation>
            <numerusform> · %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>(this message is about the whole input: %1)</source>
        <translation>（此消息针对整个输入：%1）</translation>
    </message>
    <message>
        <source>(the source &quot;%1&quot; is no longer loaded)</source>
        <translation>（来源“%1”已不再载入）</translation>
    </message>
    <message>
        <source>Unknown key(s): %1 — use addr: port: proto: chain: outcome:</source>
        <translation>未知的键：%1——请使用 addr: port: proto: chain: outcome:</translation>
    </message>
    <message>
        <source>This packet never reached that box</source>
        <translation>此数据包从未到达该方框</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export the view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>Export the whole diagram</source>
        <translation>导出整个流程图</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;nfviz&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Shows where a packet went — and where it vanished — between ebtables, the Linux bridge, iptables/nftables and routing.&lt;/p&gt;&lt;p&gt;Built with %2.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;nfviz&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;显示数据包在 ebtables、Linux 网桥、iptables/nftables 和路由之间走到了哪里——以及在哪里消失。&lt;/p&gt;&lt;p&gt;构建所用：%2。&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Live: %1</source>
        <translation>实时跟踪：%1</translation>
    </message>
    <message>
        <source>Space	play / pause
←  →	step back / forward one hop
Home  End	first / last hop
+  −  (or [  ])	faster / slower
Ctrl+Space	play all packets
Ctrl+  Ctrl−	zoom in / out (or the wheel)
F	fit the diagram
1	actual size (1:1)
Ctrl+F	filter packets
Ctrl+V	paste a trace
Double-click a box	jump to that hop
F5	presentation: → ← step, P play, B blank, hold S spotlight, D draw, C clear, Esc leave</source>
        <translation>空格	播放 / 暂停
←  →	后退 / 前进一跳
Home  End	第一跳 / 最后一跳
+  −（或 [  ]）	加快 / 减慢
Ctrl+空格	全部播放
Ctrl+  Ctrl−	放大 / 缩小（或用滚轮）
F	适应窗口
1	实际大小 (1:1)
Ctrl+F	过滤数据包
Ctrl+V	粘贴跟踪
双击方框	跳到该跳
F5	演示模式：→ ← 逐跳前进 / 后退，P 播放，B 黑屏，按住 S 聚光灯，D 画笔，C 清除，Esc 退出</translation>
    </message>
    <message>
        <source>Speed (− slower, + faster)</source>
        <translation>速度（− 减慢，+ 加快）</translation>
    </message>
    <message>
        <source>Traces and rulesets (*.log *.txt *.trace *.out *.nft *.rules);;nfviz scenarios (*.nfviz);;All files (*)</source>
        <translation>跟踪和规则集 (*.log *.txt *.trace *.out *.nft *.rules);;nfviz 场景 (*.nfviz);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source> · %n not animated (too many at once)</source>
        <translation>
            <numerusform> · %n 个未播放动画（同时移动的太多）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nfviz::PacketTreeModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Packet</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n packet(s)</source>
        <translation>
            <numerusform>%1 — %n 个数据包</numerusform>
        </translation>
    </message>
    <message>
        <source> in %1:%2</source>
        <translation>，位于 %1:%2</translation>
    </message>
    <message>
        <source>hop %1 · %2</source>
        <translation>第 %1 跳 · %2</translation>
    </message>
    <message>
        <source>hop %1</source>
        <translation>第 %1 跳</translation>
    </message>
    <message>
        <source> [to %1]</source>
        <translation> [发往 %1]</translation>
    </message>
</context>
<context>
    <name>nfviz::PresentationController</name>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen for a projector: large captions, clicker keys, spotlight (hold S) and pen (D)</source>
        <translation>为投影仪全屏显示：大字幕、翻页笔按键、聚光灯（按住 S）和画笔（D）</translation>
    </message>
    <message>
        <source>Presenter &amp;View</source>
        <translation>演讲者视图(&amp;V)</translation>
    </message>
    <message>
        <source>The trainer&apos;s screen: current and next hop, notes and the packet list</source>
        <translation>讲师屏幕：当前跳和下一跳、备注以及数据包列表</translation>
    </message>
    <message>
        <source>%1, chain %2</source>
        <translation>%1，链 %2</translation>
    </message>
    <message>
        <source>Hop %1 of %2 · %3</source>
        <translation>第 %1 跳，共 %2 跳 · %3</translation>
    </message>
    <message>
        <source>Hop %1 of %2 · %3 (not shown in the trace)</source>
        <translation>第 %1 跳，共 %2 跳 · %3（跟踪中未出现）</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>forwarded</source>
        <translation>已转发</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>end of the trace</source>
        <translation>跟踪到此结束</translation>
    </message>
    <message>
        <source>The whole path of packet %1 · %2</source>
        <translation>数据包 %1 的完整路径 · %2</translation>
    </message>
    <message>
        <source>The trace ends here: where the packet went next is not recorded.</source>
        <translation>跟踪到此结束：数据包之后的去向没有记录。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No packet to show: open a trace or a scenario.</source>
        <translation>没有可显示的数据包：请打开一份跟踪或一个场景。</translation>
    </message>
    <message>
        <source>Packet %1 of %2: %3</source>
        <translation>数据包 %1/%2：%3</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>nfviz::PresenterView</name>
    <message>
        <source>Presenter View — nfviz</source>
        <translation>演讲者视图 — nfviz</translation>
    </message>
    <message>
        <source>Time since the presentation started</source>
        <translation>演示开始后经过的时间</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Your notes for this hop</source>
        <translation>这一跳的讲师备注</translation>
    </message>
    <message>
        <source>Write what to say at this hop; it is saved with the scenario.</source>
        <translation>写下讲到这一跳时要说的话；备注会随场景一起保存。</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Blank the Screen</source>
        <translation>黑屏</translation>
    </message>
    <message>
        <source>#%1  %2 — %3</source>
        <translation>#%1  %2 — %3</translation>
    </message>
    <message>
        <source>End Presentation</source>
        <translation>结束演示</translation>
    </message>
    <message>
        <source>Start Presentation</source>
        <translation>开始演示</translation>
    </message>
    <message>
        <source>No packet selected</source>
        <translation>未选择数据包</translation>
    </message>
    <message>
        <source>Packet %1 · the whole path</source>
        <translation>数据包 %1 · 完整路径</translation>
    </message>
    <message>
        <source>Next: the next packet</source>
        <translation>下一步：下一个数据包</translation>
    </message>
    <message>
        <source>Packet %1 · hop %2 of %3</source>
        <translation>数据包 %1 · 第 %2 跳，共 %3 跳</translation>
    </message>
    <message>
        <source>Next: the whole path</source>
        <translation>下一步：完整路径</translation>
    </message>
</context>
<context>
    <name>nfviz::ScenarioSession</name>
    <message>
        <source>Open &amp;Scenario…</source>
        <translation>打开场景(&amp;S)…</translation>
    </message>
    <message>
        <source>Open an nfviz scenario file (traces, rulesets, title and notes in one file)</source>
        <translation>打开 nfviz 场景文件（跟踪、规则集、标题和备注都在一个文件中）</translation>
    </message>
    <message>
        <source>Save Scenario &amp;As…</source>
        <translation>场景另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save what is loaded, with its title and your notes, as one scenario file</source>
        <translation>把当前加载的内容连同标题和您的备注保存为一个场景文件</translation>
    </message>
    <message>
        <source>&amp;Note for This Hop…</source>
        <translation>这一跳的备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Write a trainer&apos;s note for the current hop (saved with the scenario)</source>
        <translation>为当前这一跳写讲师备注（随场景一起保存）</translation>
    </message>
    <message>
        <source>en</source>
        <comment>The language tag of this translation (zh_CN for Simplified Chinese): scenario titles and introductions are shown in this language</comment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Untitled scenario</source>
        <translation>未命名场景</translation>
    </message>
    <message>
        <source>Nothing is loaded: open a trace or a scenario first.</source>
        <translation>尚未加载任何内容：请先打开一份跟踪或一个场景。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to put into a scenario file (%2 MB at most).</source>
        <translation>%1 太大，无法放入场景文件（最多 %2 MB）。</translation>
    </message>
    <message>
        <source>What is loaded contains no trace, only ruleset snapshots.</source>
        <translation>当前加载的内容中没有跟踪，只有规则集快照。</translation>
    </message>
    <message>
        <source>Open a scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>nfviz scenarios (*.nfviz);;All files (*)</source>
        <translation>nfviz 场景 (*.nfviz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Cannot save the scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Save the scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>nfviz scenarios (*.nfviz)</source>
        <translation>nfviz 场景 (*.nfviz)</translation>
    </message>
    <message>
        <source>Saved the scenario as %1</source>
        <translation>场景已保存为 %1</translation>
    </message>
    <message>
        <source>Select a packet and a hop first</source>
        <translation>请先选择一个数据包和一跳</translation>
    </message>
    <message>
        <source>Note for this hop</source>
        <translation>这一跳的备注</translation>
    </message>
    <message>
        <source>Packet %1, hop %2 — shown to you in the presenter view:</source>
        <translation>数据包 %1，第 %2 跳 — 会显示在您的演讲者视图中：</translation>
    </message>
</context>
<context>
    <name>nfviz::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes the next time nfviz starts.</source>
        <translation>语言将在下次启动 nfviz 时生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>nfviz::StartPage</name>
    <message>
        <source>Start &amp;Page</source>
        <translation>起始页(&amp;P)</translation>
    </message>
    <message>
        <source>The bundled scenarios, opening files and the recent files</source>
        <translation>内置场景、打开文件和最近打开的文件</translation>
    </message>
    <message>
        <source>Walk through a packet&apos;s path</source>
        <translation>一步步看数据包的路径</translation>
    </message>
    <message>
        <source>Each scenario is a real trace with its ruleset, captured on a docker0 bridge. Choose one, then press F5 to present it.</source>
        <translation>每个场景都是在 docker0 网桥上抓取的真实跟踪及其规则集。选择一个场景，然后按 F5 开始演示。</translation>
    </message>
    <message>
        <source>Open File…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Traces and ruleset snapshots</source>
        <translation>跟踪和规则集快照</translation>
    </message>
    <message>
        <source>Open Scenario…</source>
        <translation>打开场景…</translation>
    </message>
    <message>
        <source>An .nfviz file</source>
        <translation>.nfviz 文件</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开的文件</translation>
    </message>
    <message>
        <source>Explore the Diagram</source>
        <translation>浏览流程图</translation>
    </message>
    <message>
        <source>Close this page (Esc); File → Start Page brings it back</source>
        <translation>关闭此页 (Esc)；可通过“文件 → 起始页”重新打开</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
</context>
<context>
    <name>nfviz::Theme</name>
    <message>
        <source>ebtables chain</source>
        <translation>ebtables 链</translation>
    </message>
    <message>
        <source>IP chain run from the bridge</source>
        <translation>由网桥调用的 IP 链</translation>
    </message>
    <message>
        <source>IP-stack chain</source>
        <translation>IP 协议栈链</translation>
    </message>
    <message>
        <source>conntrack</source>
        <translation>连接跟踪 (conntrack)</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <source>device step</source>
        <translation>设备步骤</translation>
    </message>
    <message>
        <source>local process</source>
        <translation>本地进程</translation>
    </message>
    <message>
        <source>IPsec (xfrm) step</source>
        <translation>IPsec (xfrm) 步骤</translation>
    </message>
</context>
<context>
    <name>nfviz::live::ConnectionDialog</name>
    <message>
        <source>Connect to a host</source>
        <translation>连接到主机</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>A host name, an address, or an alias from ~/.ssh/config</source>
        <translation>主机名、地址，或 ~/.ssh/config 中的别名</translation>
    </message>
    <message>
        <source>host, address or ~/.ssh/config alias</source>
        <translation>主机、地址或 ~/.ssh/config 别名</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>22 for servers; 8022 for Termux on a phone</source>
        <translation>服务器用 22；手机上的 Termux 用 8022</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>from ~/.ssh/config, else your user name</source>
        <translation>取自 ~/.ssh/config，否则为你的用户名</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>SSH agent and default keys</source>
        <translation>SSH 代理和默认密钥</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Password or keyboard-interactive</source>
        <translation>密码或键盘交互</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>认证方式(&amp;A)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>密钥文件(&amp;K)：</translation>
    </message>
    <message>
        <source>Remember passphrases and passwords in the system keychain</source>
        <translation>在系统钥匙串中记住口令和密码</translation>
    </message>
    <message>
        <source>This build has no keychain support: nfviz never stores secrets in a file</source>
        <translation>此版本不支持钥匙串：nfviz 从不把机密保存到文件中</translation>
    </message>
    <message>
        <source>The login user is root</source>
        <translation>登录用户是 root</translation>
    </message>
    <message>
        <source>sudo without a password</source>
        <translation>无需密码的 sudo</translation>
    </message>
    <message>
        <source>sudo with a password</source>
        <translation>需要密码的 sudo</translation>
    </message>
    <message>
        <source>&amp;Root by:</source>
        <translation>获取 root 的方式(&amp;R)：</translation>
    </message>
    <message>
        <source>sudo password</source>
        <translation>sudo 密码</translation>
    </message>
    <message>
        <source>sudo pass&amp;word:</source>
        <translation>sudo 密码(&amp;W)：</translation>
    </message>
    <message>
        <source>What to trace</source>
        <translation>跟踪什么</translation>
    </message>
    <message>
        <source>any protocol</source>
        <translation>任意协议</translation>
    </message>
    <message>
        <source>P&amp;rotocol:</source>
        <translation>协议(&amp;R)：</translation>
    </message>
    <message>
        <source>address to or from, e.g. 192.168.0.2</source>
        <translation>目的或来源地址，例如 192.168.0.2</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>icmp, icmp6, tcp, udp, host ADDR, src ADDR, dst ADDR, port N, joined with &quot;and&quot;</source>
        <translation>icmp、icmp6、tcp、udp、host 地址、src 地址、dst 地址、port 端口号，用 &quot;and&quot; 连接</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>过滤器(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>命名空间(&amp;N)：</translation>
    </message>
    <message>
        <source>auto picks the best the host offers and says why</source>
        <translation>auto 选择主机所能提供的最佳方式并说明原因</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方式(&amp;M)：</translation>
    </message>
    <message>
        <source> packets/s</source>
        <translation> 个包/秒</translation>
    </message>
    <message>
        <source>The kernel traces at most this many packets per second</source>
        <translation>内核每秒最多跟踪这么多个包</translation>
    </message>
    <message>
        <source>Rate &amp;limit:</source>
        <translation>速率限制(&amp;L)：</translation>
    </message>
    <message>
        <source> events</source>
        <translation> 个事件</translation>
    </message>
    <message>
        <source>The session stops after this many trace events</source>
        <translation>会话在这么多个跟踪事件之后停止</translation>
    </message>
    <message>
        <source>Event &amp;cap:</source>
        <translation>事件上限(&amp;C)：</translation>
    </message>
    <message>
        <source>Ping the address from the host</source>
        <translation>从主机 ping 该地址</translation>
    </message>
    <message>
        <source> pings</source>
        <translation> 次 ping</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>SSH private key</source>
        <translation>SSH 私钥</translation>
    </message>
    <message>
        <source>Traces %1: a broad trace, you will be asked to confirm.</source>
        <translation>跟踪%1：这是宽泛的跟踪，将请你确认。</translation>
    </message>
    <message>
        <source>Traces %1.</source>
        <translation>跟踪%1。</translation>
    </message>
    <message>
        <source>Broad trace</source>
        <translation>宽泛的跟踪</translation>
    </message>
    <message>
        <source>The filter &quot;%1&quot; traces %2 on the host. Even with the rate limit this can be a lot of packets on a busy host. Trace it anyway?</source>
        <translation>过滤器“%1”会在主机上跟踪%2。即使有速率限制，在繁忙的主机上也可能有大量的包。仍要跟踪吗？</translation>
    </message>
    <message>
        <source>the host&apos;s own; or NAME (ip netns), pid:N, podman:NAME, docker:NAME</source>
        <translation>主机自身的；或 NAME（ip netns）、pid:N、podman:NAME、docker:NAME</translation>
    </message>
</context>
<context>
    <name>nfviz::live::KeychainStore</name>
    <message>
        <source>The secret could not be stored in the keychain: %1</source>
        <translation>无法把机密保存到钥匙串：%1</translation>
    </message>
</context>
<context>
    <name>nfviz::live::LiveSessionController</name>
    <message>
        <source>&amp;Connect to Host…</source>
        <translation>连接到主机(&amp;C)…</translation>
    </message>
    <message>
        <source>Trace a remote Linux host live over SSH</source>
        <translation>通过 SSH 实时跟踪远程 Linux 主机</translation>
    </message>
    <message>
        <source>S&amp;top Live Trace</source>
        <translation>停止实时跟踪(&amp;T)</translation>
    </message>
    <message>
        <source>Live session</source>
        <translation>实时会话</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>钥匙串</translation>
    </message>
    <message>
        <source>A live session is running. Stop it and connect to another host?</source>
        <translation>一个实时会话正在运行。停止它并连接到另一台主机吗？</translation>
    </message>
    <message>
        <source>Live: %1</source>
        <translation>实时跟踪：%1</translation>
    </message>
    <message>
        <source>Unknown host key</source>
        <translation>未知的主机密钥</translation>
    </message>
    <message>
        <source>The authenticity of %1 cannot be established: nfviz has not seen its key before.

%2 key fingerprint:
%3

Compare it with the fingerprint the host&apos;s administrator gives you (ssh-keygen -lf on the host&apos;s key).</source>
        <translation>无法确认 %1 的真实性：nfviz 以前没有见过它的密钥。

%2 密钥指纹：
%3

请与主机管理员提供的指纹比对（在主机的密钥上运行 ssh-keygen -lf）。</translation>
    </message>
    <message>
        <source>Accept and &amp;Remember</source>
        <translation>接受并记住(&amp;R)</translation>
    </message>
    <message>
        <source>Accept &amp;Once</source>
        <translation>仅接受这一次(&amp;O)</translation>
    </message>
    <message>
        <source>Wrong passphrase. Passphrase for %1:</source>
        <translation>口令错误。%1 的口令：</translation>
    </message>
    <message>
        <source>Passphrase for %1:</source>
        <translation>%1 的口令：</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Wrong password. %1:</source>
        <translation>密码错误。%1：</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>This host cannot be traced</source>
        <translation>无法跟踪这台主机</translation>
    </message>
    <message>
        <source>Live session ended</source>
        <translation>实时会话已结束</translation>
    </message>
    <message>
        <source>Save the live trace</source>
        <translation>保存实时跟踪</translation>
    </message>
    <message>
        <source>Trace (*.trace.log)</source>
        <translation>跟踪 (*.trace.log)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saved, to be opened again later:
%1</source>
        <translation>已保存，以后可以再次打开：
%1</translation>
    </message>
    <message>
        <source>Rules left by an earlier run</source>
        <translation>之前运行遗留的规则</translation>
    </message>
    <message>
        <source>The host still holds trace rules of an earlier nfviz run that was killed before it could remove them:

%1

They trace packets for nobody. Remove them before tracing?</source>
        <translation>主机上仍有一次较早的 nfviz 运行留下的跟踪规则，该运行在删除它们之前就被终止了：

%1

这些规则跟踪的数据包无人接收。要在开始跟踪前删除它们吗？</translation>
    </message>
    <message>
        <source>&amp;Remove them</source>
        <translation>删除它们(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Leave them</source>
        <translation>保留它们(&amp;L)</translation>
    </message>
    <message>
        <source>sudo password</source>
        <translation>sudo 密码</translation>
    </message>
    <message>
        <source>sudo on %1 refused the password. The login user&apos;s password for sudo:</source>
        <translation>%1 上的 sudo 拒绝了该密码。请输入登录用户的密码以供 sudo 使用：</translation>
    </message>
    <message>
        <source>sudo on %1 asks for the login user&apos;s password:</source>
        <translation>%1 上的 sudo 需要登录用户的密码：</translation>
    </message>
</context>
<context>
    <name>nfviz::live::LiveSessionPanel</name>
    <message>
        <source>No live session</source>
        <translation>没有实时会话</translation>
    </message>
    <message>
        <source>What the host offers for tracing appears here after connecting.</source>
        <translation>连接之后，这里会显示主机可用于跟踪的条件。</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <source>Start tracing</source>
        <translation>开始跟踪</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the trace and the host&apos;s ruleset snapshots, to open them again later</source>
        <translation>保存跟踪和主机的规则集快照，以后可以再次打开</translation>
    </message>
    <message>
        <source>nothing installed</source>
        <translation>未安装任何东西</translation>
    </message>
    <message>
        <source>host: %1</source>
        <translation>主机：%1</translation>
    </message>
    <message>
        <source>ping: %1</source>
        <translation>ping：%1</translation>
    </message>
    <message>
        <source>gap in the trace from %1 to %2</source>
        <translation>跟踪在 %1 到 %2 之间中断</translation>
    </message>
    <message>
        <source>Method: %1%2 — %3</source>
        <translation>方式：%1%2 — %3</translation>
    </message>
    <message>
        <source> and the kernel log</source>
        <translation> 以及内核日志</translation>
    </message>
    <message>
        <source>Cannot trace: %1</source>
        <translation>无法跟踪：%1</translation>
    </message>
    <message>
        <source>Not visible: %1</source>
        <translation>看不到：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Looking at the host…</source>
        <translation>正在查看主机…</translation>
    </message>
    <message>
        <source>Ready: read what will happen below, then start tracing</source>
        <translation>就绪：请阅读下面将要发生的事情，然后开始跟踪</translation>
    </message>
    <message>
        <source>Installing the trace…</source>
        <translation>正在安装跟踪…</translation>
    </message>
    <message>
        <source>Tracing</source>
        <translation>正在跟踪</translation>
    </message>
    <message>
        <source>Connection lost: reconnecting…</source>
        <translation>连接已断开：正在重新连接…</translation>
    </message>
    <message>
        <source>Stopping: removing the trace from the host…</source>
        <translation>正在停止：从主机上移除跟踪…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Rules on the host: %1</source>
        <translation>主机上的规则：%1</translation>
    </message>
    <message>
        <source>%1 packets, %2 trace events</source>
        <translation>%1 个包，%2 个跟踪事件</translation>
    </message>
</context>
</TS>
