<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>room {room} is not on the server</source>
        <translation>服务器上没有房间 {room}</translation>
    </message>
    <message>
        <source>{count} report(s) interrupted by the last exit are sent again</source>
        <translation>上次退出时中断的 {count} 条上报正在重新发送</translation>
    </message>
</context>
<context>
    <name>BucketTable</name>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>A base URL has no bucket name.</source>
        <translation>有一个基础地址没有填写存储桶名称。</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础地址</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>存储桶</translation>
    </message>
    <message>
        <source>Bucket “{0}” is listed twice.</source>
        <translation>存储桶“{0}”重复出现。</translation>
    </message>
    <message>
        <source>Bucket “{0}”: the base URL must be http:// or https:// with a host.</source>
        <translation>存储桶“{0}”：基础地址必须是带主机名的 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>Remove the selected rows</source>
        <translation>删除选中的行</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Last successful poll {n} s ago.</source>
        <translation>上次成功轮询在 {n} 秒前。</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>No successful poll yet.</source>
        <translation>尚无成功的轮询。</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Polling is paused.</source>
        <translation>轮询已暂停。</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>The server answers. {last}</source>
        <translation>服务器响应正常。{last}</translation>
    </message>
    <message>
        <source>The server is slow to answer. {last}</source>
        <translation>服务器响应缓慢。{last}</translation>
    </message>
    <message>
        <source>Waiting for the server's first answer.</source>
        <translation>正在等待服务器的首次响应。</translation>
    </message>
    <message>
        <source>{n} failed polls in a row.</source>
        <translation>连续 {n} 次轮询失败。</translation>
    </message>
</context>
<context>
    <name>DetailHeader</name>
    <message>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>(unknown broadcaster)</source>
        <translation>（未知主播）</translation>
    </message>
    <message>
        <source>Copy all as JSON</source>
        <translation>全部复制为 JSON</translation>
    </message>
    <message>
        <source>Copy the stream record and its renditions as JSON, for a ticket</source>
        <translation>将流记录及其转码复制为 JSON，便于提交工单</translation>
    </message>
    <message>
        <source>Room {0}</source>
        <translation>房间 {0}</translation>
    </message>
    <message>
        <source>{0} · user {1}</source>
        <translation>{0} · 用户 {1}</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Copied room {0} as JSON</source>
        <translation>已将房间 {0} 复制为 JSON</translation>
    </message>
    <message>
        <source>Copy all as JSON</source>
        <translation>全部复制为 JSON</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>原始 JSON</translation>
    </message>
    <message>
        <source>Renditions</source>
        <translation>转码</translation>
    </message>
    <message>
        <source>Select a room to see its details.</source>
        <translation>选择一个房间以查看详情。</translation>
    </message>
    <message>
        <source>The record has no imageUrl.</source>
        <translation>该记录没有 imageUrl。</translation>
    </message>
</context>
<context>
    <name>EventLogDock</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Filter events</source>
        <translation>筛选事件</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>FieldModel</name>
    <message>
        <source>As received</source>
        <translation>原始值</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>FieldView</name>
    <message>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <source>Copied {0} and its value</source>
        <translation>已复制 {0} 及其值</translation>
    </message>
    <message>
        <source>Copied {0} fields</source>
        <translation>已复制 {0} 个字段</translation>
    </message>
    <message>
        <source>Copy field and value</source>
        <translation>复制字段和值</translation>
    </message>
    <message>
        <source>Copy selected fields</source>
        <translation>复制选中的字段</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>复制值</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>End</source>
        <translation>关播时间</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开播时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;About qiemonitor</source>
        <translation>关于 qiemonitor(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Copy room id</source>
        <translation>复制房间号(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Find rooms</source>
        <translation>查找房间(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Pause polling</source>
        <translation>暂停轮询(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Resume polling</source>
        <translation>恢复轮询(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start report…</source>
        <translation>开播上报(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Watch room</source>
        <translation>关注房间(&amp;W)</translation>
    </message>
    <message>
        <source>Opens a confirmation first; nothing is sent until you confirm</source>
        <translation>先弹出确认框；确认之前不会发送任何内容</translation>
    </message>
    <message>
        <source>S&amp;top report…</source>
        <translation>关播上报(&amp;T)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>Stop or restart the periodic refresh of the room list</source>
        <translation>暂停或恢复房间列表的定时刷新</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Event log</source>
        <translation>事件日志(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>发件箱(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit, keep them for next start</source>
        <translation>退出，下次启动时再发(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>房间(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stay and keep sending</source>
        <translation>留下继续发送(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>About qiemonitor</source>
        <translation>关于 qiemonitor</translation>
    </message>
    <message>
        <source>Copied room id {room}</source>
        <translation>已复制房间号 {room}</translation>
    </message>
    <message>
        <source>Filter by room, stream name, broadcaster or title ({keys})</source>
        <translation>按房间号、流名、主播或标题筛选（{keys}）</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Reports not delivered yet</source>
        <translation>上报尚未送达</translation>
    </message>
    <message>
        <source>Select the room to stop first.</source>
        <translation>请先选择要关播的房间。</translation>
    </message>
    <message>
        <source>now watching {url}</source>
        <translation>正在监控 {url}</translation>
    </message>
    <message>
        <source>outbox entry {id} discarded; it will not be sent</source>
        <translation>发件箱条目 {id} 已丢弃，不会再发送</translation>
    </message>
    <message>
        <source>qiemonitor {version}
Monitor and control tool for the stream management server.</source>
        <translation>qiemonitor {version}
流管理系统的监控与控制工具。</translation>
    </message>
    <message>
        <source>qiemonitor — stream monitor</source>
        <translation>qiemonitor — 直播流监控</translation>
    </message>
    <message>
        <source>start report</source>
        <translation>开播上报</translation>
    </message>
    <message>
        <source>stop report</source>
        <translation>关播上报</translation>
    </message>
    <message>
        <source>{count} report(s) have not reached the server yet. They stay in the outbox and are sent when qiemonitor starts again.</source>
        <translation>还有 {count} 条上报未送达服务器。它们会保留在发件箱中，qiemonitor 下次启动时发送。</translation>
    </message>
    <message>
        <source>{report} (outbox entry {id}) delivered: {message}</source>
        <translation>{report}（发件箱条目 {id}）已送达：{message}</translation>
    </message>
    <message>
        <source>{report} (outbox entry {id}) rejected: {message}</source>
        <translation>{report}（发件箱条目 {id}）被拒绝：{message}</translation>
    </message>
    <message>
        <source>{report} (outbox entry {id}), try {attempt}: {message}; trying again</source>
        <translation>{report}（发件箱条目 {id}）第 {attempt} 次尝试：{message}；将再次重试</translation>
    </message>
</context>
<context>
    <name>MonitorStatusBar</name>
    <message>
        <source>No poll yet</source>
        <translation>尚未轮询</translation>
    </message>
    <message>
        <source>Poll the server now instead of waiting</source>
        <translation>立即轮询服务器，不再等待</translation>
    </message>
    <message>
        <source>Polled {time} in {ms} ms</source>
        <translation>轮询于 {time}，耗时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>This server has no room list, so only the watched rooms are polled, one by one. Other rows keep their last values and age.</source>
        <translation>该服务器没有房间列表，因此只逐个轮询关注的房间。其他行保留上次的值，数据会逐渐过时。</translation>
    </message>
    <message>
        <source>Watched rooms only ({n})</source>
        <translation>仅关注的房间（{n}）</translation>
    </message>
    <message>
        <source>retrying in {n} s</source>
        <translation>{n} 秒后重试</translation>
    </message>
    <message>
        <source>retrying…</source>
        <translation>重试中…</translation>
    </message>
    <message>
        <source>{text} — paused</source>
        <translation>{text} — 已暂停</translation>
    </message>
    <message>
        <source>{total} rooms, {live} live</source>
        <translation>{total} 个房间，{live} 个直播中</translation>
    </message>
</context>
<context>
    <name>OutboxBadge</name>
    <message>
        <source>Outbox unavailable</source>
        <translation>发件箱不可用</translation>
    </message>
    <message>
        <source>Outbox: all delivered</source>
        <translation>发件箱：全部已送达</translation>
    </message>
    <message>
        <source>Outbox: {failed} failed, {waiting} waiting</source>
        <translation>发件箱：{failed} 条失败，{waiting} 条待发</translation>
    </message>
    <message>
        <source>Outbox: {waiting} waiting</source>
        <translation>发件箱：{waiting} 条待发</translation>
    </message>
    <message>
        <source>Reports kept until the server has them (Ctrl+Shift+O)</source>
        <translation>上报会一直保留，直到服务器收到（Ctrl+Shift+O）</translation>
    </message>
</context>
<context>
    <name>OutboxController</name>
    <message>
        <source>the app is closing</source>
        <translation>程序正在退出</translation>
    </message>
    <message>
        <source>the outbox is not open yet</source>
        <translation>发件箱尚未打开</translation>
    </message>
</context>
<context>
    <name>OutboxDock</name>
    <message>
        <source>&amp;Copy report</source>
        <translation>复制上报(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>丢弃(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Send all now</source>
        <translation>立即全部发送(&amp;S)</translation>
    </message>
    <message>
        <source>Copied the report of outbox entry {id}</source>
        <translation>已复制发件箱条目 {id} 的上报内容</translation>
    </message>
    <message>
        <source>Discard outbox entry {id} ({kind}, room {room})? It will never be sent.</source>
        <translation>丢弃发件箱条目 {id}（{kind}，房间 {room}）？丢弃后将不再发送。</translation>
    </message>
    <message>
        <source>Discard report</source>
        <translation>丢弃上报</translation>
    </message>
    <message>
        <source>Every report was delivered.</source>
        <translation>所有上报均已送达。</translation>
    </message>
    <message>
        <source>No reports stored yet.</source>
        <translation>暂无保存的上报。</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <source>{waiting} waiting, {failed} failed</source>
        <translation>{waiting} 条待发，{failed} 条失败</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>being sent</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>delivered {when}: server answered {code} {answer}</source>
        <translation>{when} 已送达：服务器返回 {code} {answer}</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>即将发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>for {server}: sent when qiemonitor is connected to it again</source>
        <translation>发往 {server}：连接到该服务器后再发送</translation>
    </message>
    <message>
        <source>next try in {time}</source>
        <translation>{time}后重试</translation>
    </message>
    <message>
        <source>rejected: {error} — retry or discard it</source>
        <translation>被拒绝：{error} — 请重试或丢弃</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>start (开播)</source>
        <translation>开播</translation>
    </message>
    <message>
        <source>stop (关播)</source>
        <translation>关播</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待发</translation>
    </message>
    <message>
        <source>waiting behind entry {id} of the same room</source>
        <translation>排在同一房间的条目 {id} 之后</translation>
    </message>
    <message>
        <source>{when}; last try: {error}</source>
        <translation>{when}；上次尝试：{error}</translation>
    </message>
</context>
<context>
    <name>QuickFilterBar</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>Show only these rooms ({keys})</source>
        <translation>只显示这些房间（{keys}）</translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>已关注</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
</context>
<context>
    <name>RenditionModel</name>
    <message>
        <source>Bucket</source>
        <translation>存储桶</translation>
    </message>
    <message>
        <source>Clarity</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <source>HLS (m3u8)</source>
        <translation>HLS（m3u8）</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>存储键</translation>
    </message>
    <message>
        <source>Persistent id</source>
        <translation>持久化 ID</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation>宽 × 高</translation>
    </message>
    <message>
        <source>width {0}, height {1}, as the server gave them</source>
        <translation>宽 {0}，高 {1}，按服务器原样显示</translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation>{0} 字节</translation>
    </message>
    <message>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
</context>
<context>
    <name>RenditionsPanel</name>
    <message>
        <source>Copied the key of the {0} rendition</source>
        <translation>已复制 {0} 转码的存储键</translation>
    </message>
    <message>
        <source>Copied the playback URL</source>
        <translation>已复制播放地址</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>复制存储键</translation>
    </message>
    <message>
        <source>Copy playback URL</source>
        <translation>复制播放地址</translation>
    </message>
    <message>
        <source>No playback base URL for bucket “{0}”: set it in Settings → Playback URLs</source>
        <translation>存储桶“{0}”没有播放基础地址：请在 设置 → 播放地址 中设置</translation>
    </message>
    <message>
        <source>Open in player</source>
        <translation>在播放器中打开</translation>
    </message>
    <message>
        <source>Opened {0} in the system's player</source>
        <translation>已在系统播放器中打开 {0}</translation>
    </message>
    <message>
        <source>Select a rendition first</source>
        <translation>请先选择一个转码</translation>
    </message>
    <message>
        <source>The system has no player for {0}</source>
        <translation>系统中没有能播放 {0} 的播放器</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>(the request body appears here once the form is valid)</source>
        <translation>（表单有效后，这里会显示请求体）</translation>
    </message>
    <message>
        <source>Could not send: {0}</source>
        <translation>无法发送：{0}</translation>
    </message>
    <message>
        <source>Delivered: server answered {0} {1} (outbox entry {2}).</source>
        <translation>已送达：服务器返回 {0} {1}（发件箱条目 {2}）。</translation>
    </message>
    <message>
        <source>Not delivered yet: {0}. Kept as outbox entry {1}; it is sent again automatically, also after a restart.</source>
        <translation>尚未送达：{0}。已保存为发件箱条目 {1}，会自动重新发送，重启后也会继续。</translation>
    </message>
    <message>
        <source>Not sent: {0}</source>
        <translation>未发送：{0}</translation>
    </message>
    <message>
        <source>Rejected: {0}. Kept as outbox entry {1}: correct the form and send again to replace it, or retry or discard it in the outbox.</source>
        <translation>被拒绝：{0}。已保存为发件箱条目 {1}：修改表单后再次发送即可替换它，也可以在发件箱中重试或丢弃。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>no answer yet</source>
        <translation>尚无响应</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <source>looks like seconds: milliseconds have 13 digits</source>
        <translation>看起来是秒：毫秒时间为 13 位</translation>
    </message>
    <message>
        <source>must be a UNIX time in milliseconds (13 digits)</source>
        <translation>必须是毫秒级 UNIX 时间（13 位）</translation>
    </message>
    <message>
        <source>must be a UNIX time in milliseconds, not “{0}”</source>
        <translation>必须是毫秒级 UNIX 时间，而不是“{0}”</translation>
    </message>
    <message>
        <source>must be a whole number, not “{0}”</source>
        <translation>必须是整数，而不是“{0}”</translation>
    </message>
    <message>
        <source>must be between {0} and {1}</source>
        <translation>必须在 {0} 到 {1} 之间</translation>
    </message>
    <message>
        <source>must be digits only (a numeric room id), not “{0}”</source>
        <translation>只能是数字（数字房间号），而不是“{0}”</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>“{0}” is not an IPv4 or IPv6 address</source>
        <translation>“{0}”不是 IPv4 或 IPv6 地址</translation>
    </message>
</context>
<context>
    <name>RoomCells</name>
    <message>
        <source>Broadcaster</source>
        <translation>主播</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Data age</source>
        <translation>数据时效</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Renditions</source>
        <translation>转码数</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开播时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time since a poll last confirmed this row</source>
        <translation>距上次轮询确认此行的时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Top clarity</source>
        <translation>最高清晰度</translation>
    </message>
    <message>
        <source>Watched rooms (click the star to watch or unwatch)</source>
        <translation>关注的房间（点击星标关注或取消关注）</translation>
    </message>
    <message>
        <source>current</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>stale: last seen {age} ago</source>
        <translation>已过时：{age}前最后一次确认</translation>
    </message>
    <message>
        <source>status code {code}</source>
        <translation>状态码 {code}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>unknown ({code})</source>
        <translation>未知（{code}）</translation>
    </message>
    <message>
        <source>{name} (user id {id})</source>
        <translation>{name}（用户 ID {id}）</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
</context>
<context>
    <name>RoomFeed</name>
    <message>
        <source>Room {room}: {message}</source>
        <translation>房间 {room}：{message}</translation>
    </message>
    <message>
        <source>connection restored after {n} failed polls / {s} s</source>
        <translation>连接已恢复（此前失败 {n} 次 / {s} 秒）</translation>
    </message>
    <message>
        <source>new room ({status})</source>
        <translation>新房间（{status}）</translation>
    </message>
    <message>
        <source>room removed</source>
        <translation>房间已移除</translation>
    </message>
    <message>
        <source>the server has no room list (404): polling the {n} watched rooms one by one</source>
        <translation>服务器没有房间列表（404）：逐个轮询 {n} 个关注的房间</translation>
    </message>
    <message>
        <source>the server's room list answers again: polling every room</source>
        <translation>服务器的房间列表已恢复：轮询全部房间</translation>
    </message>
    <message>
        <source>{message} — showing the last values</source>
        <translation>{message} — 显示的是上次的值</translation>
    </message>
    <message>
        <source>{message} — showing the last values; the API token is in Settings</source>
        <translation>{message} — 显示的是上次的值；API 令牌在“设置”中</translation>
    </message>
    <message>
        <source>{old} → {new}</source>
        <translation>{old} → {new}</translation>
    </message>
</context>
<context>
    <name>RoomTableView</name>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Poll every (seconds)</source>
        <translation>轮询间隔（秒）(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Server URL</source>
        <translation>服务器地址(&amp;S)</translation>
    </message>
    <message>
        <source>A rendition plays from {base}/{key}; set the base per bucket.</source>
        <translation>转码从 {base}/{key} 播放；请为每个存储桶设置基础地址。</translation>
    </message>
    <message>
        <source>A token is printable ASCII, with no spaces or line breaks.</source>
        <translation>令牌只能由可打印的 ASCII 字符组成，不能含空格或换行。</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>CA certificates &amp;file</source>
        <translation>CA 证书文件(&amp;F)</translation>
    </message>
    <message>
        <source>CA certificates file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Do &amp;not verify TLS certificates (insecure)</source>
        <translation>不验证 TLS 证书（不安全）(&amp;N)</translation>
    </message>
    <message>
        <source>Enter a number of seconds.</source>
        <translation>请输入秒数。</translation>
    </message>
    <message>
        <source>For&amp;get the saved token</source>
        <translation>清除已保存的令牌(&amp;G)</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved token</source>
        <translation>留空则保留已保存的令牌</translation>
    </message>
    <message>
        <source>Must be an http:// or https:// URL with a host.</source>
        <translation>必须是带主机名的 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>Must be between {0} and {1} seconds.</source>
        <translation>必须在 {0} 到 {1} 秒之间。</translation>
    </message>
    <message>
        <source>New to&amp;ken</source>
        <translation>新令牌(&amp;K)</translation>
    </message>
    <message>
        <source>No such file: {0}</source>
        <translation>文件不存在：{0}</translation>
    </message>
    <message>
        <source>None saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Paste the API token here</source>
        <translation>在此粘贴 API 令牌</translation>
    </message>
    <message>
        <source>Play&amp;back URLs</source>
        <translation>播放地址(&amp;B)</translation>
    </message>
    <message>
        <source>Request &amp;timeout (seconds)</source>
        <translation>请求超时（秒）(&amp;T)</translation>
    </message>
    <message>
        <source>Saved token</source>
        <translation>已保存的令牌</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>TLS verification is off: anyone on the network path can read the token and change what this window shows. Use this only on a test rig.</source>
        <translation>TLS 验证已关闭：网络路径上的任何人都能读取令牌并篡改本窗口显示的内容。仅在测试环境中使用。</translation>
    </message>
    <message>
        <source>The system's certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>https://streams.example.com</source>
        <translation>https://streams.example.com</translation>
    </message>
    <message>
        <source>saved in the system keyring</source>
        <translation>已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} 到 {1}</translation>
    </message>
</context>
<context>
    <name>StartReportDialog</name>
    <message>
        <source>Broadcaster's IP (ip) *</source>
        <translation>主播 IP（ip）*</translation>
    </message>
    <message>
        <source>Category id (categoryId) *</source>
        <translation>分类 ID（categoryId）*</translation>
    </message>
    <message>
        <source>Category name (categoryName)</source>
        <translation>分类名称（categoryName）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Required fields are marked *. The body as it will be sent:</source>
        <translation>带 * 的为必填项。将要发送的请求体：</translation>
    </message>
    <message>
        <source>Room id (roomId) *</source>
        <translation>房间号（roomId）*</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Start report (开播)</source>
        <translation>开播上报</translation>
    </message>
    <message>
        <source>Start time, ms (startTime) *</source>
        <translation>开播时间，毫秒（startTime）*</translation>
    </message>
    <message>
        <source>Title (title) *</source>
        <translation>标题（title）*</translation>
    </message>
    <message>
        <source>User id (userId) *</source>
        <translation>用户 ID（userId）*</translation>
    </message>
    <message>
        <source>User name (userName) *</source>
        <translation>用户名（userName）*</translation>
    </message>
</context>
<context>
    <name>StopReportDialog</name>
    <message>
        <source>(unknown broadcaster)</source>
        <translation>（未知主播）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>End time, ms (endTime) *</source>
        <translation>关播时间，毫秒（endTime）*</translation>
    </message>
    <message>
        <source>IP (ip) *</source>
        <translation>IP（ip）*</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Reason (reason)</source>
        <translation>原因（reason）</translation>
    </message>
    <message>
        <source>Report the end of the broadcast of room {0} by {1}?</source>
        <translation>要上报房间 {0}（主播 {1}）的直播已结束吗？</translation>
    </message>
    <message>
        <source>Room id (roomId)</source>
        <translation>房间号（roomId）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stop broadcast</source>
        <translation>关播</translation>
    </message>
    <message>
        <source>Stop report (关播) — room {0}</source>
        <translation>关播上报 — 房间 {0}</translation>
    </message>
    <message>
        <source>Stop the live broadcast of room {0} by {1}? Viewers will be cut off.</source>
        <translation>要关闭房间 {0}（主播 {1}）的直播吗？观众将被断开。</translation>
    </message>
    <message>
        <source>Stream (streamName)</source>
        <translation>流名（streamName）</translation>
    </message>
    <message>
        <source>The body as it will be sent:</source>
        <translation>将要发送的请求体：</translation>
    </message>
    <message>
        <source>Type the room id {0} to confirm *</source>
        <translation>输入房间号 {0} 以确认 *</translation>
    </message>
    <message>
        <source>User id (userId) *</source>
        <translation>用户 ID（userId）*</translation>
    </message>
</context>
<context>
    <name>StreamFields</name>
    <message>
        <source>(not sent)</source>
        <translation>（未返回）</translation>
    </message>
    <message>
        <source>CDN selector (meaning not documented)</source>
        <translation>CDN 选择（文档未说明含义）</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>分发</translation>
    </message>
    <message>
        <source>FLV available</source>
        <translation>提供 FLV</translation>
    </message>
    <message>
        <source>HLS (m3u8) available</source>
        <translation>提供 HLS（m3u8）</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>MP4 available</source>
        <translation>提供 MP4</translation>
    </message>
    <message>
        <source>Other fields</source>
        <translation>其他字段</translation>
    </message>
    <message>
        <source>P2P delivery</source>
        <translation>P2P 分发</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>broadcast end (local time)</source>
        <translation>关播时间（本地时间）</translation>
    </message>
    <message>
        <source>broadcast start (local time)</source>
        <translation>开播时间（本地时间）</translation>
    </message>
    <message>
        <source>broadcast state</source>
        <translation>直播状态</translation>
    </message>
    <message>
        <source>broadcaster's display name</source>
        <translation>主播昵称</translation>
    </message>
    <message>
        <source>broadcaster's user id</source>
        <translation>主播的用户 ID</translation>
    </message>
    <message>
        <source>category id</source>
        <translation>分类 ID</translation>
    </message>
    <message>
        <source>category name</source>
        <translation>分类名称</translation>
    </message>
    <message>
        <source>end as the CDN saw it (local time)</source>
        <translation>CDN 记录的结束时间（本地时间）</translation>
    </message>
    <message>
        <source>image CDN selector (not documented)</source>
        <translation>图片 CDN 选择（文档未说明）</translation>
    </message>
    <message>
        <source>image flag (meaning not documented)</source>
        <translation>图片标志（文档未说明含义）</translation>
    </message>
    <message>
        <source>length of the broadcast</source>
        <translation>直播时长</translation>
    </message>
    <message>
        <source>not in the documented contract</source>
        <translation>不在文档约定中</translation>
    </message>
    <message>
        <source>recording file available</source>
        <translation>有录像文件</translation>
    </message>
    <message>
        <source>review state (meaning not documented)</source>
        <translation>审核状态（文档未说明含义）</translation>
    </message>
    <message>
        <source>room id</source>
        <translation>房间号</translation>
    </message>
    <message>
        <source>room title at broadcast time</source>
        <translation>开播时的房间标题</translation>
    </message>
    <message>
        <source>start as the CDN saw it (local time)</source>
        <translation>CDN 记录的开始时间（本地时间）</translation>
    </message>
    <message>
        <source>storage bucket of the recording</source>
        <translation>录像所在的存储桶</translation>
    </message>
    <message>
        <source>storage job id</source>
        <translation>存储处理任务 ID</translation>
    </message>
    <message>
        <source>stream key: room id and a random suffix</source>
        <translation>流名：房间号加随机后缀</translation>
    </message>
    <message>
        <source>stream type (meaning not documented)</source>
        <translation>流类型（文档未说明含义）</translation>
    </message>
    <message>
        <source>this record's id (renditions' recordId)</source>
        <translation>本记录的 ID（即转码的 recordId）</translation>
    </message>
    <message>
        <source>thumbnail URL</source>
        <translation>缩略图地址</translation>
    </message>
    <message>
        <source>thumbnail storage key</source>
        <translation>缩略图存储键</translation>
    </message>
    <message>
        <source>top clarity</source>
        <translation>最高清晰度</translation>
    </message>
</context>
<context>
    <name>StreamLabels</name>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>✓ yes</source>
        <translation>✓ 是</translation>
    </message>
    <message>
        <source>✗ no</source>
        <translation>✗ 否</translation>
    </message>
</context>
<context>
    <name>ThumbnailLoader</name>
    <message>
        <source>cannot decode image: {0}</source>
        <translation>无法解码图片：{0}</translation>
    </message>
    <message>
        <source>image is too large ({0} × {1} pixels)</source>
        <translation>图片过大（{0} × {1} 像素）</translation>
    </message>
    <message>
        <source>no event loop to load the image</source>
        <translation>没有可用于加载图片的事件循环</translation>
    </message>
    <message>
        <source>not an image this app can read</source>
        <translation>本程序无法读取此图片</translation>
    </message>
</context>
<context>
    <name>TokenPrompt</name>
    <message>
        <source>API token needed</source>
        <translation>需要 API 令牌</translation>
    </message>
    <message>
        <source>Use token</source>
        <translation>使用令牌</translation>
    </message>
    <message>
        <source>{question}
This token cannot be used: {problem}.</source>
        <translation>{question}
此令牌不可用：{problem}。</translation>
    </message>
    <message>
        <source>{server} refused the request ({reason}).
Enter the API token; it is kept in the system keyring.</source>
        <translation>{server} 拒绝了请求（{reason}）。
请输入 API 令牌，它将保存在系统密钥环中。</translation>
    </message>
</context>
</TS>
