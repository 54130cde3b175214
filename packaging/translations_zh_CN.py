"""The GUI in Simplified Chinese: English source text → Chinese, read by update_translations.py.

To translate a new string: run ``.venv/bin/python packaging/update_translations.py``;
it prints each untranslated string as a line to paste into ``ZH_CN`` below.
Fill in the Chinese, run it again, commit the .ts and .qm it writes.

House rules, so the window reads as one voice:

- Words: 开播/关播 (start/stop broadcast), 开播上报/关播上报 (the reports),
  上报 (report), 发件箱 (outbox), 房间 (room), 房间号 (room id), 主播
  (broadcaster), 直播中/已结束/空闲 (live/ended/idle), 清晰度 (clarity), 转码
  (rendition), 存储桶 (bucket), 轮询 (polling), 事件日志 (event log), 令牌
  (token), 关注 (watch).
- Keep every ``{placeholder}``, ``%n`` and shortcut text (Ctrl+Shift+O) as is;
  the script refuses a translation that loses a placeholder.
- A mnemonic goes last, in ASCII brackets, with the English letter:
  ``&File`` → ``文件(&F)``, ``&Start report…`` → ``开播上报(&S)…``.
- Chinese punctuation (，。：；？（）“”) in prose; ASCII brackets in file-dialog
  filters, which Qt parses (``证书 (*.pem)``).

``ZH_CN_BY_CONTEXT`` holds the few strings whose Chinese depends on where they
show (context as in the .ts); it wins over ``ZH_CN``.
"""

ZH_CN: dict[str, str] = {
    # -- menus and actions (MainWindow) --------------------------------------
    "&File": "文件(&F)",
    "&View": "视图(&V)",
    "&Room": "房间(&R)",
    "&Help": "帮助(&H)",
    "&Event log": "事件日志(&E)",
    "&Outbox": "发件箱(&O)",
    "&Refresh": "刷新(&R)",
    "&Pause polling": "暂停轮询(&P)",
    "&Resume polling": "恢复轮询(&R)",
    "&Start report…": "开播上报(&S)…",
    "S&top report…": "关播上报(&T)…",
    "Se&ttings…": "设置(&T)…",
    "&Quit": "退出(&Q)",
    "&Find rooms": "查找房间(&F)",
    "&Watch room": "关注房间(&W)",
    "&Copy room id": "复制房间号(&C)",
    "&About qiemonitor": "关于 qiemonitor(&A)",
    "Stop or restart the periodic refresh of the room list": "暂停或恢复房间列表的定时刷新",
    "Opens a confirmation first; nothing is sent until you confirm": (
        "先弹出确认框；确认之前不会发送任何内容"
    ),
    "Main toolbar": "主工具栏",
    "&Columns": "列(&C)",
    # -- main window ---------------------------------------------------------
    "qiemonitor — stream monitor": "qiemonitor — 直播流监控",
    "Filter by room, stream name, broadcaster or title ({keys})": (
        "按房间号、流名、主播或标题筛选（{keys}）"
    ),
    "Copied room id {room}": "已复制房间号 {room}",
    "About qiemonitor": "关于 qiemonitor",
    "qiemonitor {version}\nMonitor and control tool for the stream management server.": (
        "qiemonitor {version}\n流管理系统的监控与控制工具。"
    ),
    "Select the room to stop first.": "请先选择要关播的房间。",
    "start report": "开播上报",
    "stop report": "关播上报",
    "{report} (outbox entry {id}) delivered: {message}": (
        "{report}（发件箱条目 {id}）已送达：{message}"
    ),
    "{report} (outbox entry {id}), try {attempt}: {message}; trying again": (
        "{report}（发件箱条目 {id}）第 {attempt} 次尝试：{message}；将再次重试"
    ),
    "{report} (outbox entry {id}) rejected: {message}": (
        "{report}（发件箱条目 {id}）被拒绝：{message}"
    ),
    "Copied the report of outbox entry {id}": "已复制发件箱条目 {id} 的上报内容",
    "outbox entry {id} discarded; it will not be sent": "发件箱条目 {id} 已丢弃，不会再发送",
    "Reports not delivered yet": "上报尚未送达",
    "{count} report(s) have not reached the server yet. They stay in the outbox and are "
    "sent when qiemonitor starts again.": (
        "还有 {count} 条上报未送达服务器。它们会保留在发件箱中，qiemonitor 下次启动时发送。"
    ),
    "&Quit, keep them for next start": "退出，下次启动时再发(&Q)",
    "&Stay and keep sending": "留下继续发送(&S)",
    "now watching {url}": "正在监控 {url}",
    # -- app start-up (App) --------------------------------------------------
    "{count} report(s) interrupted by the last exit are sent again": (
        "上次退出时中断的 {count} 条上报正在重新发送"
    ),
    "room {room} is not on the server": "服务器上没有房间 {room}",
    # -- status bar and connection -------------------------------------------
    "Retry now": "立即重试",
    "Poll the server now instead of waiting": "立即轮询服务器，不再等待",
    "No poll yet": "尚未轮询",
    "Server": "服务器",
    "Polled {time} in {ms} ms": "轮询于 {time}，耗时 {ms} 毫秒",
    "{text} — paused": "{text} — 已暂停",
    "{total} rooms, {live} live": "{total} 个房间，{live} 个直播中",
    "Watched rooms only ({n})": "仅关注的房间（{n}）",
    "This server has no room list, so only the watched rooms are polled, one by one. "
    "Other rows keep their last values and age.": (
        "该服务器没有房间列表，因此只逐个轮询关注的房间。其他行保留上次的值，数据会逐渐过时。"
    ),
    "retrying…": "重试中…",
    "retrying in {n} s": "{n} 秒后重试",
    "Connecting": "连接中",
    "Online": "在线",
    "Late": "延迟",
    "Retrying": "重试中",
    "Offline": "离线",
    "Paused": "已暂停",
    "No successful poll yet.": "尚无成功的轮询。",
    "Last successful poll {n} s ago.": "上次成功轮询在 {n} 秒前。",
    "The server answers. {last}": "服务器响应正常。{last}",
    "Waiting for the server's first answer.": "正在等待服务器的首次响应。",
    "The server is slow to answer. {last}": "服务器响应缓慢。{last}",
    "{n} failed polls in a row.": "连续 {n} 次轮询失败。",
    "Polling is paused.": "轮询已暂停。",
    # -- room table and quick filters ----------------------------------------
    "Status": "状态",
    "Room": "房间",
    "Broadcaster": "主播",
    "Title": "标题",
    "Category": "分类",
    "Started": "开播时间",
    "Duration": "时长",
    "Top clarity": "最高清晰度",
    "Renditions": "转码",
    "current": "最新",
    "Data age": "数据时效",
    "Watched rooms (click the star to watch or unwatch)": "关注的房间（点击星标关注或取消关注）",
    "live": "直播中",
    "ended": "已结束",
    "idle": "空闲",
    "unknown": "未知",
    "unknown ({code})": "未知（{code}）",
    "{n} s": "{n} 秒",
    "{n} min": "{n} 分钟",
    "{n} h": "{n} 小时",
    "stale: last seen {age} ago": "已过时：{age}前最后一次确认",
    "status code {code}": "状态码 {code}",
    "{name} (user id {id})": "{name}（用户 ID {id}）",
    "Time since a poll last confirmed this row": "距上次轮询确认此行的时间",
    "All": "全部",
    "Live": "直播中",
    "Ended": "已结束",
    "Idle": "空闲",
    "Watched": "已关注",
    "Show only these rooms ({keys})": "只显示这些房间（{keys}）",
    "{name} ({count})": "{name} ({count})",
    # -- poll feed (RoomFeed) ------------------------------------------------
    "{message} — showing the last values; the API token is in Settings": (
        "{message} — 显示的是上次的值；API 令牌在“设置”中"
    ),
    "{message} — showing the last values": "{message} — 显示的是上次的值",
    "Room {room}: {message}": "房间 {room}：{message}",
    "room removed": "房间已移除",
    "the server has no room list (404): polling the {n} watched rooms one by one": (
        "服务器没有房间列表（404）：逐个轮询 {n} 个关注的房间"
    ),
    "the server's room list answers again: polling every room": (
        "服务器的房间列表已恢复：轮询全部房间"
    ),
    "connection restored after {n} failed polls / {s} s": "连接已恢复（此前失败 {n} 次 / {s} 秒）",
    "{old} → {new}": "{old} → {new}",
    "new room ({status})": "新房间（{status}）",
    # -- detail pane ---------------------------------------------------------
    "Fields": "字段",
    "History": "历史",
    "Raw JSON": "原始 JSON",
    "Select a room to see its details.": "选择一个房间以查看详情。",
    "Copy all as JSON": "全部复制为 JSON",
    "Copy the stream record and its renditions as JSON, for a ticket": (
        "将流记录及其转码复制为 JSON，便于提交工单"
    ),
    "Copied room {0} as JSON": "已将房间 {0} 复制为 JSON",
    "No image": "无图片",
    "The record has no imageUrl.": "该记录没有 imageUrl。",
    "Loading…": "加载中…",
    "(no title)": "（无标题）",
    "(unknown broadcaster)": "（未知主播）",
    "{0} · user {1}": "{0} · 用户 {1}",
    "Room {0}": "房间 {0}",
    "Field": "字段",
    "Value": "值",
    "As received": "原始值",
    "Copied {0}": "已复制 {0}",
    "Copied {0} fields": "已复制 {0} 个字段",
    "Copied {0} and its value": "已复制 {0} 及其值",
    "Copy value": "复制值",
    "Copy field and value": "复制字段和值",
    "Copy selected fields": "复制选中的字段",
    "Start": "开播时间",
    "End": "关播时间",
    "{0} ms": "{0} 毫秒",
    # -- stream record fields (StreamFields, StreamLabels) --------------------
    "Identity": "基本信息",
    "room id": "房间号",
    "stream key: room id and a random suffix": "流名：房间号加随机后缀",
    "broadcaster's user id": "主播的用户 ID",
    "broadcaster's display name": "主播昵称",
    "room title at broadcast time": "开播时的房间标题",
    "category id": "分类 ID",
    "category name": "分类名称",
    "this record's id (renditions' recordId)": "本记录的 ID（即转码的 recordId）",
    "State": "状态",
    "broadcast state": "直播状态",
    "review state (meaning not documented)": "审核状态（文档未说明含义）",
    "stream type (meaning not documented)": "流类型（文档未说明含义）",
    "top clarity": "最高清晰度",
    "Timing": "时间",
    "broadcast start (local time)": "开播时间（本地时间）",
    "broadcast end (local time)": "关播时间（本地时间）",
    "start as the CDN saw it (local time)": "CDN 记录的开始时间（本地时间）",
    "end as the CDN saw it (local time)": "CDN 记录的结束时间（本地时间）",
    "length of the broadcast": "直播时长",
    "Delivery": "分发",
    "P2P delivery": "P2P 分发",
    "FLV available": "提供 FLV",
    "HLS (m3u8) available": "提供 HLS（m3u8）",
    "MP4 available": "提供 MP4",
    "recording file available": "有录像文件",
    "Storage": "存储",
    "storage bucket of the recording": "录像所在的存储桶",
    "storage job id": "存储处理任务 ID",
    "thumbnail storage key": "缩略图存储键",
    "thumbnail URL": "缩略图地址",
    "image flag (meaning not documented)": "图片标志（文档未说明含义）",
    "CDN selector (meaning not documented)": "CDN 选择（文档未说明含义）",
    "image CDN selector (not documented)": "图片 CDN 选择（文档未说明）",
    "(not sent)": "（未返回）",
    "not in the documented contract": "不在文档约定中",
    "Other fields": "其他字段",
    "✓ yes": "✓ 是",
    "✗ no": "✗ 否",
    # -- renditions ----------------------------------------------------------
    "Clarity": "清晰度",
    "Width × height": "宽 × 高",
    "Key": "存储键",
    "Bucket": "存储桶",
    "File size": "文件大小",
    "Type": "类型",
    "Hash": "哈希",
    "Persistent id": "持久化 ID",
    "Seq": "序号",
    "HLS (m3u8)": "HLS（m3u8）",
    "{0} bytes": "{0} 字节",
    "width {0}, height {1}, as the server gave them": "宽 {0}，高 {1}，按服务器原样显示",
    "Copy key": "复制存储键",
    "Copy playback URL": "复制播放地址",
    "Open in player": "在播放器中打开",
    "Copied the key of the {0} rendition": "已复制 {0} 转码的存储键",
    "Copied the playback URL": "已复制播放地址",
    "Opened {0} in the system's player": "已在系统播放器中打开 {0}",
    "The system has no player for {0}": "系统中没有能播放 {0} 的播放器",
    "Select a rendition first": "请先选择一个转码",
    "No playback base URL for bucket “{0}”: set it in Settings → Playback URLs": (
        "存储桶“{0}”没有播放基础地址：请在 设置 → 播放地址 中设置"
    ),
    "no event loop to load the image": "没有可用于加载图片的事件循环",
    "not an image this app can read": "本程序无法读取此图片",
    "image is too large ({0} × {1} pixels)": "图片过大（{0} × {1} 像素）",
    "cannot decode image: {0}": "无法解码图片：{0}",
    # -- event log -----------------------------------------------------------
    "Event log": "事件日志",
    "Filter events": "筛选事件",
    "All kinds": "全部类型",
    "Clear": "清空",
    "Time": "时间",
    "Kind": "类型",
    "Event": "事件",
    "status": "状态",
    "room": "房间",
    "report": "上报",
    "error": "错误",
    "connection": "连接",
    # -- outbox --------------------------------------------------------------
    "Outbox": "发件箱",
    "Outbox: {failed} failed, {waiting} waiting": "发件箱：{failed} 条失败，{waiting} 条待发",
    "Outbox: {waiting} waiting": "发件箱：{waiting} 条待发",
    "Outbox: all delivered": "发件箱：全部已送达",
    "Reports kept until the server has them (Ctrl+Shift+O)": (
        "上报会一直保留，直到服务器收到（Ctrl+Shift+O）"
    ),
    "Outbox unavailable": "发件箱不可用",
    "the outbox is not open yet": "发件箱尚未打开",
    "the app is closing": "程序正在退出",
    "No reports stored yet.": "暂无保存的上报。",
    "&Retry": "重试(&R)",
    "&Discard…": "丢弃(&D)…",
    "&Copy report": "复制上报(&C)",
    "&Send all now": "立即全部发送(&S)",
    "{waiting} waiting, {failed} failed": "{waiting} 条待发，{failed} 条失败",
    "Every report was delivered.": "所有上报均已送达。",
    "Discard report": "丢弃上报",
    "Discard outbox entry {id} ({kind}, room {room})? It will never be sent.": (
        "丢弃发件箱条目 {id}（{kind}，房间 {room}）？丢弃后将不再发送。"
    ),
    "ID": "编号",
    "Report": "上报",
    "Tries": "尝试次数",
    "Created": "创建时间",
    "Note": "备注",
    "start (开播)": "开播",
    "stop (关播)": "关播",
    "waiting": "待发",
    "sending": "发送中",
    "delivered": "已送达",
    "failed": "失败",
    "delivered {when}: server answered {code} {answer}": (
        "{when} 已送达：服务器返回 {code} {answer}"
    ),
    "rejected: {error} — retry or discard it": "被拒绝：{error} — 请重试或丢弃",
    "being sent": "正在发送",
    "waiting behind entry {id} of the same room": "排在同一房间的条目 {id} 之后",
    "for {server}: sent when qiemonitor is connected to it again": (
        "发往 {server}：连接到该服务器后再发送"
    ),
    "due now": "即将发送",
    "next try in {time}": "{time}后重试",
    "{when}; last try: {error}": "{when}；上次尝试：{error}",
    # -- report dialogs ------------------------------------------------------
    "Start report (开播)": "开播上报",
    "Stop report (关播) — room {0}": "关播上报 — 房间 {0}",
    "Now": "现在",
    "Send": "发送",
    "Close": "关闭",
    "Stop broadcast": "关播",
    "Required fields are marked *. The body as it will be sent:": (
        "带 * 的为必填项。将要发送的请求体："
    ),
    "The body as it will be sent:": "将要发送的请求体：",
    "Start time, ms (startTime) *": "开播时间，毫秒（startTime）*",
    "End time, ms (endTime) *": "关播时间，毫秒（endTime）*",
    "Category id (categoryId) *": "分类 ID（categoryId）*",
    "Category name (categoryName)": "分类名称（categoryName）",
    "User id (userId) *": "用户 ID（userId）*",
    "User name (userName) *": "用户名（userName）*",
    "Title (title) *": "标题（title）*",
    "Room id (roomId) *": "房间号（roomId）*",
    "Room id (roomId)": "房间号（roomId）",
    "Broadcaster's IP (ip) *": "主播 IP（ip）*",
    "IP (ip) *": "IP（ip）*",
    "Stream (streamName)": "流名（streamName）",
    "Reason (reason)": "原因（reason）",
    "Type the room id {0} to confirm *": "输入房间号 {0} 以确认 *",
    "Stop the live broadcast of room {0} by {1}? Viewers will be cut off.": (
        "要关闭房间 {0}（主播 {1}）的直播吗？观众将被断开。"
    ),
    "Report the end of the broadcast of room {0} by {1}?": (
        "要上报房间 {0}（主播 {1}）的直播已结束吗？"
    ),
    "(the request body appears here once the form is valid)": "（表单有效后，这里会显示请求体）",
    "Not sent: {0}": "未发送：{0}",
    "Could not send: {0}": "无法发送：{0}",
    "Rejected: {0}. Kept as outbox entry {1}: correct the form and send again to replace it, "
    "or retry or discard it in the outbox.": (
        "被拒绝：{0}。已保存为发件箱条目 {1}：修改表单后再次发送即可替换它，"
        "也可以在发件箱中重试或丢弃。"
    ),
    "Delivered: server answered {0} {1} (outbox entry {2}).": (
        "已送达：服务器返回 {0} {1}（发件箱条目 {2}）。"
    ),
    "no answer yet": "尚无响应",
    "Not delivered yet: {0}. Kept as outbox entry {1}; it is sent again automatically, "
    "also after a restart.": (
        "尚未送达：{0}。已保存为发件箱条目 {1}，会自动重新发送，重启后也会继续。"
    ),
    "Sending…": "发送中…",
    "required": "必填",
    "must be a whole number, not “{0}”": "必须是整数，而不是“{0}”",
    "must be between {0} and {1}": "必须在 {0} 到 {1} 之间",
    "must be digits only (a numeric room id), not “{0}”": "只能是数字（数字房间号），而不是“{0}”",
    "must be a UNIX time in milliseconds, not “{0}”": "必须是毫秒级 UNIX 时间，而不是“{0}”",
    "looks like seconds: milliseconds have 13 digits": "看起来是秒：毫秒时间为 13 位",
    "must be a UNIX time in milliseconds (13 digits)": "必须是毫秒级 UNIX 时间（13 位）",
    "“{0}” is not an IPv4 or IPv6 address": "“{0}”不是 IPv4 或 IPv6 地址",
    "API token needed": "需要 API 令牌",
    "{server} refused the request ({reason}).\nEnter the API token; it is kept in the "
    "system keyring.": (
        "{server} 拒绝了请求（{reason}）。\n请输入 API 令牌，它将保存在系统密钥环中。"
    ),
    "Use token": "使用令牌",
    "{question}\nThis token cannot be used: {problem}.": "{question}\n此令牌不可用：{problem}。",
    # -- settings ------------------------------------------------------------
    "Settings": "设置",
    "https://streams.example.com": "https://streams.example.com",
    "{0} to {1}": "{0} 到 {1}",
    "The system's certificates": "系统证书",
    "Bro&wse…": "浏览(&W)…",
    "Do &not verify TLS certificates (insecure)": "不验证 TLS 证书（不安全）(&N)",
    "TLS verification is off: anyone on the network path can read the token and change what "
    "this window shows. Use this only on a test rig.": (
        "TLS 验证已关闭：网络路径上的任何人都能读取令牌并篡改本窗口显示的内容。仅在测试环境中使用。"
    ),
    "For&get the saved token": "清除已保存的令牌(&G)",
    "saved in the system keyring": "已保存在系统密钥环中",
    "Leave empty to keep the saved token": "留空则保留已保存的令牌",
    "None saved": "未保存",
    "Paste the API token here": "在此粘贴 API 令牌",
    "&Server URL": "服务器地址(&S)",
    "Request &timeout (seconds)": "请求超时（秒）(&T)",
    "&Poll every (seconds)": "轮询间隔（秒）(&P)",
    "CA certificates &file": "CA 证书文件(&F)",
    "CA certificates file": "CA 证书文件",
    "Saved token": "已保存的令牌",
    "New to&ken": "新令牌(&K)",
    "API token": "API 令牌",
    "Play&back URLs": "播放地址(&B)",
    "A rendition plays from {base}/{key}; set the base per bucket.": (
        "转码从 {base}/{key} 播放；请为每个存储桶设置基础地址。"
    ),
    "Must be an http:// or https:// URL with a host.": (
        "必须是带主机名的 http:// 或 https:// 地址。"
    ),
    "No such file: {0}": "文件不存在：{0}",
    "A token is printable ASCII, with no spaces or line breaks.": (
        "令牌只能由可打印的 ASCII 字符组成，不能含空格或换行。"
    ),
    "Enter a number of seconds.": "请输入秒数。",
    "Must be between {0} and {1} seconds.": "必须在 {0} 到 {1} 秒之间。",
    "Certificates (*.pem *.crt *.cer)": "证书 (*.pem *.crt *.cer)",
    "All files (*)": "所有文件 (*)",
    "Base URL": "基础地址",
    "&Add": "添加(&A)",
    "&Remove": "删除(&R)",
    "Remove the selected rows": "删除选中的行",
    "A base URL has no bucket name.": "有一个基础地址没有填写存储桶名称。",
    "Bucket “{0}” is listed twice.": "存储桶“{0}”重复出现。",
    "Bucket “{0}”: the base URL must be http:// or https:// with a host.": (
        "存储桶“{0}”：基础地址必须是带主机名的 http:// 或 https:// 地址。"
    ),
}

ZH_CN_BY_CONTEXT: dict[tuple[str, str], str] = {
    # The room table's column counts them; the detail pane's tab lists them.
    ("RoomCells", "Renditions"): "转码数",
}
