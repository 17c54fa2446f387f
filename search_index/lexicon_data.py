"""The bilingual domain lexicon: groups of equivalent technical terms, Chinese and English.

One group per line, members separated by ``|``. Members of a group name the same thing:
translations, common abbreviations and spelling variants, never broader or related terms (a
broader term would drag in documents that do not answer the need). Written for patent
vocabulary across the IPC sections; lines are grouped by section for review.
"""

from __future__ import annotations

from typing import Final

__all__ = ["GROUPS"]

_TEXT: Final = """
# A · Human necessities: agriculture, food, medicine, hygiene
茶叶 | tea leaves
杀青 | tea fixation | fixing tea
揉捻 | tea rolling
绿茶 | green tea
红茶 | black tea
温室 | 大棚 | greenhouse
灌溉 | irrigation
滴灌 | drip irrigation
施肥 | fertilization | fertilisation
肥料 | fertilizer | fertiliser
有机肥 | organic fertilizer | organic fertiliser
农药 | pesticide
除草剂 | herbicide
杀虫剂 | insecticide
杀菌剂 | fungicide | bactericide
种子 | seed
育苗 | seedling raising | seedling cultivation
嫁接 | grafting
水产养殖 | aquaculture
饲料 | animal feed | fodder
兽药 | veterinary drug
食品添加剂 | food additive
防腐剂 | preservative
保鲜 | fresh-keeping | preservation of freshness
发酵 | fermentation
乳酸菌 | lactic acid bacteria
益生菌 | probiotic
酶 | enzyme
中药 | 中药组合物 | traditional chinese medicine
药物组合物 | pharmaceutical composition
注射液 | injection solution
胶囊 | capsule
抗体 | antibody
疫苗 | vaccine
抗肿瘤 | 抗癌 | antitumor | anticancer | anti-tumor
糖尿病 | diabetes
高血压 | hypertension
医疗器械 | medical device
手术机器人 | surgical robot
内窥镜 | endoscope
血管支架 | stent
人工关节 | artificial joint
假肢 | prosthesis | prosthetic limb
助听器 | hearing aid
心电图 | electrocardiogram | ECG
核磁共振 | 磁共振成像 | magnetic resonance imaging | MRI
超声 | ultrasound | ultrasonic
血糖 | blood glucose | blood sugar
口罩 | face mask
消毒 | disinfection
化妆品 | cosmetic
洗涤剂 | detergent
# B · Operations and transport: separation, machining, printing, vehicles
过滤 | filtration
膜分离 | membrane separation
反渗透 | reverse osmosis
超滤 | ultrafiltration
离心机 | centrifuge
除尘 | dust removal
除尘器 | dust collector
脱硫 | desulfurization | desulphurisation
脱硝 | denitration | denitrification of flue gas
催化剂 | catalyst
吸附剂 | adsorbent
粉碎机 | crusher | pulverizer
破碎 | crushing
搅拌器 | stirrer | agitator
混合机 | mixer
干燥机 | 烘干机 | dryer | drying machine
烘干 | drying
焊接 | welding
激光焊接 | laser welding
切割 | cutting
激光切割 | laser cutting
数控机床 | CNC machine tool | numerically controlled machine tool
机床 | machine tool
铣削 | milling
磨削 | grinding
抛光 | polishing
冲压 | stamping
注塑 | injection molding | injection moulding
模具 | mold | mould
3D打印 | 增材制造 | 3D printing | additive manufacturing
机器人 | robot
机械臂 | 机械手 | robotic arm | manipulator
夹具 | fixture | clamp
输送机 | 传送带 | conveyor
包装机 | packaging machine
喷涂 | spraying | spray coating
涂层 | coating
电动汽车 | electric vehicle | EV
新能源汽车 | new energy vehicle
混合动力 | hybrid vehicle | hybrid electric vehicle
自动驾驶 | 无人驾驶 | autonomous driving | self-driving | driverless
轮胎 | tire | tyre
刹车 | 制动 | braking
制动器 | brake
变速箱 | gearbox
无人机 | drone | unmanned aerial vehicle | UAV
船舶 | ship
轨道交通 | rail transit
电梯 | elevator
起重机 | crane
叉车 | forklift
# C · Chemistry and metallurgy: materials, water treatment, biotech
污水处理 | 废水处理 | wastewater treatment | sewage treatment
污水 | 废水 | wastewater | sewage
水处理 | water treatment
厌氧 | anaerobic
好氧 | aerobic
活性污泥 | activated sludge
污泥 | sludge
沼气 | biogas
絮凝剂 | flocculant
消毒剂 | disinfectant
海水淡化 | seawater desalination | desalination
重金属 | heavy metal
石墨烯 | graphene
碳纳米管 | carbon nanotube
纳米材料 | nanomaterial
复合材料 | composite material
高分子 | 聚合物 | polymer
树脂 | resin
环氧树脂 | epoxy resin
聚乙烯 | polyethylene
聚丙烯 | polypropylene
聚氨酯 | polyurethane
橡胶 | rubber
塑料 | plastic
可降解 | biodegradable
陶瓷 | ceramic
玻璃 | glass
水泥 | cement
混凝土 | concrete
合金 | alloy
铝合金 | aluminum alloy | aluminium alloy
钛合金 | titanium alloy
不锈钢 | stainless steel
热处理 | heat treatment
冶炼 | smelting
稀土 | rare earth
电镀 | electroplating
粘合剂 | 胶黏剂 | adhesive
阻燃 | flame retardant | flame-retardant
防腐 | anticorrosion | anti-corrosion | corrosion protection
基因 | gene
基因编辑 | gene editing
转基因 | transgenic | genetically modified
蛋白质 | protein
多肽 | polypeptide
核酸 | nucleic acid
细胞培养 | cell culture
干细胞 | stem cell
微生物 | microorganism
菌株 | bacterial strain
萃取 | solvent extraction
蒸馏 | distillation
结晶 | crystallization | crystallisation
# D · Textiles and paper
纺织 | textile
纤维 | fiber | fibre
无纺布 | nonwoven fabric | non-woven fabric
纱线 | yarn
染色 | dyeing
造纸 | papermaking
洗衣机 | washing machine
# E · Fixed constructions
装配式建筑 | prefabricated building
钢结构 | steel structure
桥梁 | bridge
隧道 | tunnel
地基 | foundation
防水 | waterproof | waterproofing
保温 | thermal insulation
钻井 | drilling
# F · Mechanical engineering, lighting, heating
发动机 | engine
内燃机 | internal combustion engine
燃气轮机 | gas turbine
风力发电 | 风电 | wind power | wind power generation
风力发电机 | wind turbine
轴承 | bearing
齿轮 | gear
减速器 | 减速机 | speed reducer
液压 | hydraulic
气动 | pneumatic
阀门 | valve
泵 | pump
压缩机 | compressor
风机 | fan | blower
密封 | seal | sealing
弹簧 | spring
换热器 | heat exchanger
热泵 | heat pump
空调 | air conditioner | air conditioning
制冷 | refrigeration
冰箱 | refrigerator
锅炉 | boiler
散热 | heat dissipation
散热器 | heat sink
灯具 | lamp | luminaire
发光二极管 | LED | light emitting diode | light-emitting diode
管道 | pipeline | pipe
# G · Physics: measuring, computing, control
传感器 | sensor
温度传感器 | temperature sensor
压力传感器 | pressure sensor
检测 | detection
监测 | monitoring
测量 | measurement
光谱 | spectrum
光谱仪 | spectrometer
显微镜 | microscope
雷达 | radar
激光雷达 | lidar
导航 | navigation
卫星 | satellite
北斗 | beidou
全球定位系统 | GPS | global positioning system
人工智能 | artificial intelligence | AI
机器学习 | machine learning
深度学习 | deep learning
神经网络 | neural network
卷积神经网络 | convolutional neural network | CNN
强化学习 | reinforcement learning
自然语言处理 | natural language processing | NLP
语音识别 | speech recognition | voice recognition
图像识别 | image recognition
人脸识别 | face recognition | facial recognition
图像处理 | image processing
计算机视觉 | computer vision
目标检测 | object detection
知识图谱 | knowledge graph
大数据 | big data
数据挖掘 | data mining
云计算 | cloud computing
边缘计算 | edge computing
区块链 | blockchain
物联网 | internet of things | IoT
数据库 | database
服务器 | server
处理器 | processor
芯片 | chip
存储器 | memory
存储介质 | storage medium
加密 | encryption
解密 | decryption
身份认证 | identity authentication
数字孪生 | digital twin
虚拟现实 | virtual reality | VR
增强现实 | augmented reality
控制系统 | control system
可编程逻辑控制器 | programmable logic controller | PLC
故障诊断 | fault diagnosis
预测 | prediction | forecasting
仿真 | simulation
显示屏 | 显示器 | display screen | display
触摸屏 | touch screen | touchscreen
二维码 | QR code | two-dimensional code
条形码 | 条码 | barcode | bar code
射频识别 | RFID | radio frequency identification
# H · Electricity: power, batteries, semiconductors, communication
锂离子电池 | 锂电池 | lithium-ion battery | lithium ion battery | li-ion battery
电池 | battery
动力电池 | power battery | traction battery
储能 | energy storage
超级电容器 | supercapacitor | ultracapacitor
燃料电池 | fuel cell
正极材料 | cathode material | positive electrode material
负极材料 | anode material | negative electrode material
正极 | cathode | positive electrode
负极 | anode | negative electrode
电解液 | electrolyte
固态电池 | solid-state battery | solid state battery
充电 | charging
充电桩 | charging pile | charging station
无线充电 | wireless charging
电池管理系统 | battery management system | BMS
太阳能电池 | solar cell | photovoltaic cell
光伏 | photovoltaic | PV
逆变器 | inverter
电机 | 电动机 | electric motor | motor
电网 | power grid
智能电网 | smart grid
输电 | power transmission
配电 | power distribution
继电保护 | relay protection
断路器 | circuit breaker
开关电源 | switching power supply
半导体 | semiconductor
集成电路 | integrated circuit | IC
晶体管 | transistor
封装 | encapsulation
印刷电路板 | 电路板 | printed circuit board | PCB | circuit board
天线 | antenna
基站 | base station
无线通信 | wireless communication
移动通信 | mobile communication
第五代移动通信 | 5G
光纤 | optical fiber | optical fibre
光通信 | optical communication
蓝牙 | bluetooth
无线局域网 | WLAN | wireless local area network | Wi-Fi
用户设备 | user equipment
信号处理 | signal processing
编码 | encoding
解码 | decoding
视频 | video
音频 | audio
摄像头 | camera
图像传感器 | image sensor
电磁屏蔽 | electromagnetic shielding
"""


def _groups(text: str) -> tuple[tuple[str, ...], ...]:
    groups = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        groups.append(tuple(member.strip() for member in line.split("|") if member.strip()))
    return tuple(groups)


GROUPS: Final[tuple[tuple[str, ...], ...]] = _groups(_TEXT)
