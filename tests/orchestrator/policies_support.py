"""A compliant script every test LLM stand-in can write."""


def good_script(brief, _n) -> str:
    points = "，".join(sp.text for sp in brief.product.selling_points)
    phrase = (brief.influencer.style.catchphrases or ["大家"])[0]
    return (
        f"{phrase}，欢迎来到直播间！今天给大家带来{brief.product.product.name}。"
        f"它的亮点是：{points}。喜欢的朋友可以在评论区扣1，我们马上上链接！"
    )
