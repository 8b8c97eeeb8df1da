<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
