"""数据预处理 (preprocessing): the code of docs/preprocessing.md.

A tiny house-price table goes from a CSV file to float32 tensors: read it with
pandas, split inputs from outputs, fill missing numbers, one-hot encode the text
column and convert. Each entry of ``__test__`` is one section of the page; the
sections after the first rebuild the table from ``HOUSE_CSV`` so that each runs on
its own, as pytest runs them. The CSV file is written into a temporary folder that
is deleted again.
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
def table_to_tensors(data, target):
    """把表格 data 变成 float32 的输入 X 和输出 y；target 是输出列的列名。"""
    inputs = data.drop(columns=[target])
    inputs = inputs.fillna(inputs.mean(numeric_only=True))
    inputs = pd.get_dummies(inputs, dummy_na=True, dtype=int)
    X = torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32)
    y = torch.tensor(data[target].to_numpy(dtype=float), dtype=torch.float32)
    return X, y
# --8<-- [end:table_to_tensors]


__test__ = {
    "csv": r"""
>>> # --8<-- [start:csv]
>>> tmp = tempfile.TemporaryDirectory()      # 临时目录，不往当前目录里写东西
>>> data_file = Path(tmp.name) / "house_tiny.csv"
>>> _ = data_file.write_text(HOUSE_CSV, encoding="utf-8")  # 返回值是字符数，不需要
>>> print(data_file.read_text(encoding="utf-8"), end="")
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
>>> tmp.cleanup()                            # 数据已在内存里，删掉临时目录
>>> data_file.exists()
False
>>> # --8<-- [end:csv]
""",
    "missing": r"""
>>> # --8<-- [start:missing]
>>> data = pd.read_csv(io.StringIO(HOUSE_CSV))  # 从字符串读：与上一节的表相同
>>> data.isna().sum()                        # 每列有几个缺失值
NumRooms    2
Alley       3
Price       0
dtype: int64
>>> inputs, outputs = data.iloc[:, 0:2], data.iloc[:, 2]  # 输入两列，输出房价
>>> outputs
0    127500
1    106000
2    178100
3    140000
Name: Price, dtype: int64
>>> inputs.mean(numeric_only=True)           # 只对数值列求均值：(2 + 4) / 2
NumRooms    3.0
dtype: float64
>>> inputs = inputs.fillna(inputs.mean(numeric_only=True))
>>> inputs                                   # Alley 的 NaN 留给下一节
   NumRooms Alley
0       3.0  Pave
1       2.0   NaN
2       4.0   NaN
3       3.0   NaN
>>> # --8<-- [end:missing]
""",
    "mean-mistake": r"""
>>> # --8<-- [start:mean-mistake]
>>> inputs = pd.read_csv(io.StringIO(HOUSE_CSV)).iloc[:, 0:2]  # 同上：两列输入
>>> inputs.mean()                            # Alley 是文字列，没有均值
Traceback (most recent call last):
    ...
TypeError: Cannot perform reduction 'mean' with string dtype
>>> inputs.select_dtypes(include="number").mean()  # 先选出数值列，再求均值
NumRooms    3.0
dtype: float64
>>> # --8<-- [end:mean-mistake]
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
>>> inputs = pd.get_dummies(inputs, dummy_na=True, dtype=int)  # 指定 dtype：0/1
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
    "bool-mistake": r"""
>>> # --8<-- [start:bool-mistake]
>>> inputs = pd.read_csv(io.StringIO(HOUSE_CSV)).iloc[:, 0:2]  # 同上
>>> inputs = inputs.fillna(inputs.mean(numeric_only=True))
>>> mixed = pd.get_dummies(inputs, dummy_na=True)  # float64 列和 bool 列
>>> mixed.to_numpy().dtype                   # 合在一起成了 object 数组
dtype('O')
>>> torch.tensor(mixed.to_numpy())
Traceback (most recent call last):
    ...
TypeError: can't convert np.ndarray of type numpy.object_. The only supported types are: ...
>>> torch.tensor(mixed.to_numpy(dtype=float))  # 转换时统一成浮点数
tensor([[3., 1., 0.],
        [2., 0., 1.],
        [4., 0., 1.],
        [3., 0., 1.]], dtype=torch.float64)
>>> # --8<-- [end:bool-mistake]
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
>>> torch.tensor(inputs.to_numpy(dtype=float)).dtype  # torch 照搬 NumPy 的 float64
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
>>> X.shape, y.shape                         # n = 4 个样本，d = 3 个特征
(torch.Size([4, 3]), torch.Size([4]))
>>> X.dtype, X.element_size()                # float32 每个数占 4 字节
(torch.float32, 4)
>>> # --8<-- [end:to-tensor]
""",
    "dtype-mistake": r"""
>>> # --8<-- [start:dtype-mistake]
>>> model = nn.Linear(3, 1)                  # 一个最简单的模型：3 个输入，1 个输出
>>> model.weight.dtype                       # 模型的参数是 float32
torch.float32
>>> X64 = torch.tensor([[3., 1., 0.],
...                     [2., 0., 1.]], dtype=torch.float64)
>>> model(X64)                               # 输入是 float64：dtype 不一致
Traceback (most recent call last):
    ...
RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
>>> model(X64.float()).shape                 # 转成 float32 就可以了
torch.Size([2, 1])
>>> # --8<-- [end:dtype-mistake]
""",
    "pipeline": r"""
>>> # --8<-- [start:pipeline]
>>> X, y = table_to_tensors(pd.read_csv(io.StringIO(HOUSE_CSV)), target="Price")
>>> X
tensor([[3., 1., 0.],
        [2., 0., 1.],
        [4., 0., 1.],
        [3., 0., 1.]])
>>> X.dtype, y.dtype, y.shape
(torch.float32, torch.float32, torch.Size([4]))
>>> # --8<-- [end:pipeline]
""",
    "exercise-drop": r"""
>>> # --8<-- [start:exercise-drop]
>>> data = pd.read_csv(io.StringIO(HOUSE_CSV))
>>> data.isna().sum()
NumRooms    2
Alley       3
Price       0
dtype: int64
>>> worst = data.isna().sum().idxmax()       # 缺失值最多的那一列的列名
>>> worst
'Alley'
>>> reduced = data.drop(columns=[worst])
>>> reduced
   NumRooms   Price
0       NaN  127500
1       2.0  106000
2       4.0  178100
3       NaN  140000
>>> # --8<-- [end:exercise-drop]
""",
    "exercise-tensor": r"""
>>> # --8<-- [start:exercise-tensor]
>>> reduced = pd.read_csv(io.StringIO(HOUSE_CSV)).drop(columns=["Alley"])
>>> X, y = table_to_tensors(reduced, target="Price")
>>> X                                        # 只剩 NumRooms 一列，缺失值填成 3
tensor([[3.],
        [2.],
        [4.],
        [3.]])
>>> X.shape, X.dtype
(torch.Size([4, 1]), torch.float32)
>>> # --8<-- [end:exercise-tensor]
""",
    "exercise-standardize": r"""
>>> # --8<-- [start:exercise-standardize]
>>> X, y = table_to_tensors(pd.read_csv(io.StringIO(HOUSE_CSV)), target="Price")
>>> rooms = X[:, 0]
>>> rooms.mean(), rooms.std()                # doctest: +CUDA_ATOL_0_01
(tensor(3.), tensor(0.8165))
>>> (rooms - rooms.mean()) / rooms.std()     # doctest: +CUDA_ATOL_0_01
tensor([ 0.0000, -1.2247,  1.2247,  0.0000])
>>> # --8<-- [end:exercise-standardize]
""",
    "exercise-test-set": r"""
>>> # --8<-- [start:exercise-test-set]
>>> train = pd.read_csv(io.StringIO(HOUSE_CSV)).drop(columns=["Price"])
>>> means = train.mean(numeric_only=True)    # 均值只用训练数据来算
>>> train_inputs = pd.get_dummies(train.fillna(means), dummy_na=True, dtype=int)
>>> test = pd.DataFrame({"NumRooms": [5.0, None], "Alley": ["Gravel", None]})
>>> test_inputs = pd.get_dummies(test.fillna(means), dummy_na=True, dtype=int)
>>> list(test_inputs.columns)                # 与训练数据的列对不上
['NumRooms', 'Alley_Gravel', 'Alley_nan']
>>> test_inputs.reindex(columns=train_inputs.columns, fill_value=0)
   NumRooms  Alley_Pave  Alley_nan
0       5.0           0          0
1       3.0           0          1
>>> # --8<-- [end:exercise-test-set]
""",
}
