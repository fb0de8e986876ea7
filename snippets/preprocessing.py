"""数据预处理 (preprocessing): the code of docs/preprocessing.md.

A tiny house-price table goes from a CSV file to float32 tensors: read it with
pandas, split inputs from outputs, fill missing numbers, one-hot encode the text
column and convert. Each entry of ``__test__`` is one section of the page; the
sections after the first rebuild the table from ``HOUSE_CSV`` so that each runs on
its own, as pytest runs them.
"""

__cuda__ = "default-device"

# --8<-- [start:imports]
import io
import tempfile
from pathlib import Path

import pandas as pd
import torch
from torch import nn

# --8<-- [end:imports]


# --8<-- [start:house_csv]
# 一张很小的房价表：每行一套房子；NA 表示这一项缺失。
HOUSE_CSV = """\
NumRooms,Alley,Price
NA,Pave,127500
2,NA,106000
4,NA,178100
NA,NA,140000
"""
# --8<-- [end:house_csv]


# --8<-- [start:table_to_tensors]
def table_to_tensors(data: pd.DataFrame, target: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs and outputs of a table as float32 tensors, ready for a model.

    Missing numbers are replaced by their column's mean; text columns are one-hot
    encoded, with one more column for "missing".
    """
    inputs = data.drop(columns=[target])
    inputs = inputs.fillna(inputs.mean(numeric_only=True))        # 数值列：缺失值填成该列均值
    inputs = pd.get_dummies(inputs, dummy_na=True, dtype=int)     # 文本列：独热编码，含“缺失”一列
    X = torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32)
    y = torch.tensor(data[target].to_numpy(dtype=float), dtype=torch.float32)
    return X, y
# --8<-- [end:table_to_tensors]


__test__ = {
    "csv": r"""
>>> # --8<-- [start:csv]
>>> tmp = tempfile.TemporaryDirectory()      # 一个临时目录，不往当前目录里写东西
>>> data_file = Path(tmp.name) / "house_tiny.csv"
>>> _ = data_file.write_text(HOUSE_CSV, encoding="utf-8")  # 写入文件（返回值是字符数，不需要）
>>> data_file.name, data_file.exists()
('house_tiny.csv', True)
>>> print(data_file.read_text(encoding="utf-8"), end="")  # 文件里就是这几行文字
NumRooms,Alley,Price
NA,Pave,127500
2,NA,106000
4,NA,178100
NA,NA,140000
>>> data = pd.read_csv(data_file)            # 第一行是列名；NA 被读成缺失值 NaN
>>> data
   NumRooms Alley   Price
0       NaN  Pave  127500
1       2.0   NaN  106000
2       4.0   NaN  178100
3       NaN   NaN  140000
>>> data.shape
(4, 3)
>>> tmp.cleanup()                            # 数据已在内存里，删掉临时目录
>>> data_file.exists()
False
>>> # --8<-- [end:csv]
""",
    "missing": r"""
>>> # --8<-- [start:missing]
>>> data = pd.read_csv(io.StringIO(HOUSE_CSV))  # 不落盘，直接从字符串读：与上一节的表相同
>>> data.isna().sum()                        # 每列有几个缺失值
NumRooms    2
Alley       3
Price       0
dtype: int64
>>> inputs, outputs = data.iloc[:, 0:2], data.iloc[:, 2]  # 第 0、1 列是输入，第 2 列是要预测的房价
>>> outputs
0    127500
1    106000
2    178100
3    140000
Name: Price, dtype: int64
>>> inputs.mean()                            # Alley 是字符串列，没有均值
Traceback (most recent call last):
    ...
TypeError: Cannot perform reduction 'mean' with string dtype
>>> inputs.mean(numeric_only=True)           # 只对数值列求均值：(2 + 4) / 2
NumRooms    3.0
dtype: float64
>>> inputs = inputs.fillna(inputs.mean(numeric_only=True))
>>> inputs                                   # NumRooms 的 NaN 变成 3.0；Alley 的 NaN 留给下一步
   NumRooms Alley
0       3.0  Pave
1       2.0   NaN
2       4.0   NaN
3       3.0   NaN
>>> # --8<-- [end:missing]
""",
    "one-hot": r"""
>>> # --8<-- [start:one-hot]
>>> data = pd.read_csv(io.StringIO(HOUSE_CSV))  # 重复上一节的三步
>>> inputs, outputs = data.iloc[:, 0:2], data.iloc[:, 2]
>>> inputs = inputs.fillna(inputs.mean(numeric_only=True))
>>> pd.get_dummies(inputs, dummy_na=True)    # 默认生成 True/False 列
   NumRooms  Alley_Pave  Alley_nan
0       3.0        True      False
1       2.0       False       True
2       4.0       False       True
3       3.0       False       True
>>> pd.get_dummies(inputs, dummy_na=True).to_numpy().dtype  # float 与 bool 混在一起：object 数组
dtype('O')
>>> torch.tensor(pd.get_dummies(inputs, dummy_na=True).to_numpy())  # torch 不接受 object 数组
Traceback (most recent call last):
    ...
TypeError: can't convert np.ndarray of type numpy.object_. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool.
>>> inputs = pd.get_dummies(inputs, dummy_na=True, dtype=int)  # 指定 dtype：得到 0/1
>>> inputs
   NumRooms  Alley_Pave  Alley_nan
0       3.0           1          0
1       2.0           0          1
2       4.0           0          1
3       3.0           0          1
>>> inputs.dtypes
NumRooms      float64
Alley_Pave      int64
Alley_nan       int64
dtype: object
>>> # --8<-- [end:one-hot]
""",
    "to-tensor": r"""
>>> # --8<-- [start:to-tensor]
>>> data = pd.read_csv(io.StringIO(HOUSE_CSV))  # 重复前两节的四步
>>> inputs, outputs = data.iloc[:, 0:2], data.iloc[:, 2]
>>> inputs = inputs.fillna(inputs.mean(numeric_only=True))
>>> inputs = pd.get_dummies(inputs, dummy_na=True, dtype=int)
>>> inputs.to_numpy(dtype=float)             # 统一成浮点数的 NumPy 数组
array([[3., 1., 0.],
       [2., 0., 1.],
       [4., 0., 1.],
       [3., 0., 1.]])
>>> torch.tensor(inputs.to_numpy(dtype=float)).dtype  # NumPy 的浮点数默认是 float64，torch 照搬
torch.float64
>>> X = torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32)
>>> y = torch.tensor(outputs.to_numpy(dtype=float), dtype=torch.float32)
>>> X
tensor([[3., 1., 0.],
        [2., 0., 1.],
        [4., 0., 1.],
        [3., 0., 1.]])
>>> y
tensor([127500., 106000., 178100., 140000.])
>>> X.shape, y.shape                         # 4 个样本，每个 3 个特征；4 个房价
(torch.Size([4, 3]), torch.Size([4]))
>>> X.dtype, X.element_size()                # float32 每个数占 4 字节，float64 占 8 字节
(torch.float32, 4)
>>> model = nn.Linear(3, 1)                  # 模型的参数是 float32
>>> model(X).shape
torch.Size([4, 1])
>>> model(torch.tensor(inputs.to_numpy(dtype=float)))  # 忘了转 float32：dtype 不一致
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
>>> # --8<-- [end:to-tensor]
""",
    "pipeline": r"""
>>> # --8<-- [start:pipeline]
>>> X, y = table_to_tensors(pd.read_csv(io.StringIO(HOUSE_CSV)), target="Price")
>>> X
tensor([[3., 1., 0.],
        [2., 0., 1.],
        [4., 0., 1.],
        [3., 0., 1.]])
>>> y.dtype, y.shape
(torch.float32, torch.Size([4]))
>>> # --8<-- [end:pipeline]
""",
}
