"""Word lists the demo draws broadcasters, titles and categories from (all made up)."""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["CATEGORIES", "Category", "user_name"]


@dataclass(frozen=True, slots=True)
class Category:
    """A category with its id and title templates; ``{x}`` is filled from ``fillers``."""

    id: int
    name: str
    titles: tuple[str, ...]
    fillers: tuple[str, ...]

    def title(self, rng: random.Random) -> str:
        return rng.choice(self.titles).format(
            x=rng.choice(self.fillers), y=rng.choice(self.fillers), n=rng.randint(1, 99)
        )


CATEGORIES: tuple[Category, ...] = (
    Category(
        198,
        "足球",
        (
            "【英超】{x} vs {y} 高清直播",
            "【西甲】{x}对阵{y} 赛前分析",
            "【欧冠】{x}经典比赛回顾",
            "【阿森纳】 纪录片+高清比赛",
            "足球战术板：{x}的三中卫",
            "【中超】{x}主场 第{n}轮",
        ),
        ("阿森纳", "曼联", "切尔西", "利物浦", "皇马", "巴萨", "拜仁", "国米", "上海海港"),
    ),
    Category(
        199,
        "篮球",
        (
            "NBA常规赛 {x} vs {y}",
            "CBA第{n}轮 {x}主场",
            "野球场实录 单挑{x}球迷",
            "篮球教学：运球基础",
        ),
        ("湖人", "勇士", "凯尔特人", "热火", "广东宏远", "辽宁本钢", "浙江广厦"),
    ),
    Category(
        1,
        "英雄联盟",
        ("钻石局上分，冲冲冲！", "{x}绝活 国服前{n}", "LPL赛事复盘 + 排位", "峡谷之巅 单排到天亮"),
        ("亚索", "劫", "盲僧", "瑞兹", "卡莎", "锤石", "Faker同款"),
    ),
    Category(
        181,
        "王者荣耀",
        ("国服{x} 巅峰赛{n}连胜", "五排开黑 来人！", "百星王者冲分中", "{x}教学 新手必看"),
        ("李白", "韩信", "貂蝉", "孙尚香", "诸葛亮", "鲁班七号", "澜"),
    ),
    Category(
        124,
        "户外",
        ("{x}夜市探店", "徒步{x}第{n}天", "骑行川藏线 Day{n}", "钓鱼佬的快乐 野钓直播"),
        ("成都", "重庆", "西安", "厦门", "大理", "拉萨", "长沙", "哈尔滨"),
    ),
    Category(
        175,
        "音乐",
        ("深夜电台 · 点歌中", "吉他弹唱 {x}", "钢琴即兴 随便弹弹", "原创音乐分享会 第{n}期"),
        ("老歌回忆", "民谣专场", "粤语金曲", "周杰伦专场", "摇滚之夜"),
    ),
    Category(
        201,
        "美食",
        ("今天做{x}", "{y}美食探店", "深夜食堂 吃播", "家常菜教学：{x}"),
        ("红烧肉", "麻婆豆腐", "小龙虾", "酸菜鱼", "螺蛳粉", "煎饼果子", "火锅"),
    ),
    Category(
        8,
        "颜值",
        ("陪你聊天～晚安", "新人主播 求关注", "早安打卡 一起学习", "唱歌跳舞 第{n}天"),
        ("",),
    ),
    Category(
        207,
        "二次元",
        ("新番吐槽大会", "手办开箱 + 杂谈", "漫展cosplay直播", "动画鉴赏：{x}"),
        ("进击的巨人", "鬼灭之刃", "间谍过家家", "葬送的芙莉莲", "孤独摇滚"),
    ),
    Category(
        15,
        "单机游戏",
        ("《{x}》全剧情通关", "《{x}》速通挑战", "恐怖游戏 胆小勿入", "《{x}》一命通关 第{n}天"),
        ("黑神话：悟空", "艾尔登法环", "塞尔达传说", "只狼", "荒野大镖客2", "巫师3", "星露谷物语"),
    ),
    Category(
        350,
        "和平精英",
        ("吃鸡{n}杀 战神局", "四排上分 缺一", "海岛图 刚枪教学"),
        ("",),
    ),
    Category(
        212,
        "台球",
        ("斯诺克 {x} 技术解析", "九球练习 日常", "台球厅实况 第{n}局"),
        ("奥沙利文", "丁俊晖", "塞尔比", "特鲁姆普"),
    ),
)

_PREFIXES = ("小", "阿", "老", "大", "萌", "酷", "野生", "甜甜", "冷面", "笨笨")
_CORES = (
    "鱼",
    "猫",
    "狼",
    "熊",
    "兔",
    "虎",
    "鹿",
    "龙",
    "豆",
    "橙",
    "柚子",
    "糖",
    "风",
    "星",
    "月",
)
_SUFFIXES = ("解说", "电竞", "TV", "酱", "哥", "姐", "君", "丶", "同学", "的直播间", "在这里")
_LATIN = ("Mike", "Yuki", "Ace", "KK", "Leo", "Momo", "Zero", "Coco")
_TEAMS = ("安哥拉", "巴西", "阿根廷", "德国", "法国", "意大利", "西班牙", "葡萄牙", "荷兰", "日本")


def user_name(category: Category, rng: random.Random) -> str:
    """A broadcaster's display name, a few of them with Latin letters or a number."""
    roll = rng.random()
    if category.name == "足球" and roll < 0.25:
        return f"{rng.choice(_TEAMS)}{rng.choice(('男子', '女子', 'U23'))}足球队"
    if roll < 0.15:
        return f"{rng.choice(_LATIN)}{rng.choice(_SUFFIXES)}"
    name = f"{rng.choice(_PREFIXES)}{rng.choice(_CORES)}{rng.choice(_SUFFIXES)}"
    return name if roll < 0.8 else f"{name}_{rng.randint(1, 999)}"
