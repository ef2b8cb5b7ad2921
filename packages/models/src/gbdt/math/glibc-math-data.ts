/**
 * Tables and constants of glibc's `exp` and `log` (glibc >= 2.28; the code is ARM's
 * optimized-routines `math/exp.c` / `math/log.c` with N = 128, EXP_POLY_ORDER 5, LOG_POLY_ORDER 6,
 * LOG_POLY1_ORDER 12), as IEEE-754 bit patterns. Data taken from ARM optimized-routines
 * `math/exp_data.c` and `math/log_data.c`:
 *
 * Copyright (c) 2018-2023, Arm Limited. SPDX-License-Identifier: MIT OR Apache-2.0 WITH LLVM-exception.
 * Used under the MIT License: Permission is hereby granted, free of charge, to any person obtaining
 * a copy of this software and associated documentation files (the "Software"), to deal in the
 * Software without restriction, including without limitation the rights to use, copy, modify,
 * merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
 * to whom the Software is furnished to do so, subject to the following conditions: The above
 * copyright notice and this permission notice shall be included in all copies or substantial
 * portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
 * EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
 * PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
 * LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
 * OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 * THE SOFTWARE.
 */

/** exp: N/ln2, -ln2/N (hi, lo), the rounding shift 1.5·2^52, and C2..C5 of the polynomial. */
export const EXP_CONSTANTS = new BigUint64Array([0x40671547652b82fen, 0xbf762e42fefa0000n, 0xbd0cf79abc9e3b3an, 0x4338000000000000n, 0x3fdffffffffffdbdn, 0x3fc555555555543cn, 0x3fa55555cf172b91n, 0x3f81111167a4d017n]);

/** exp: tab[2k] = bits of the tail of 2^(k/N), tab[2k+1] = bits of 2^(k/N) minus k << 52 / N. */
export const EXP_TABLE = new BigUint64Array([
  0x0n, 0x3ff0000000000000n, 0x3c9b3b4f1a88bf6en, 0x3feff63da9fb3335n,
  0xbc7160139cd8dc5dn, 0x3fefec9a3e778061n, 0xbc905e7a108766d1n, 0x3fefe315e86e7f85n,
  0x3c8cd2523567f613n, 0x3fefd9b0d3158574n, 0xbc8bce8023f98efan, 0x3fefd06b29ddf6den,
  0x3c60f74e61e6c861n, 0x3fefc74518759bc8n, 0x3c90a3e45b33d399n, 0x3fefbe3ecac6f383n,
  0x3c979aa65d837b6dn, 0x3fefb5586cf9890fn, 0x3c8eb51a92fdeffcn, 0x3fefac922b7247f7n,
  0x3c3ebe3d702f9cd1n, 0x3fefa3ec32d3d1a2n, 0xbc6a033489906e0bn, 0x3fef9b66affed31bn,
  0xbc9556522a2fbd0en, 0x3fef9301d0125b51n, 0xbc5080ef8c4eea55n, 0x3fef8abdc06c31ccn,
  0xbc91c923b9d5f416n, 0x3fef829aaea92de0n, 0x3c80d3e3e95c55afn, 0x3fef7a98c8a58e51n,
  0xbc801b15eaa59348n, 0x3fef72b83c7d517bn, 0xbc8f1ff055de323dn, 0x3fef6af9388c8dean,
  0x3c8b898c3f1353bfn, 0x3fef635beb6fcb75n, 0xbc96d99c7611eb26n, 0x3fef5be084045cd4n,
  0x3c9aecf73e3a2f60n, 0x3fef54873168b9aan, 0xbc8fe782cb86389dn, 0x3fef4d5022fcd91dn,
  0x3c8a6f4144a6c38dn, 0x3fef463b88628cd6n, 0x3c807a05b0e4047dn, 0x3fef3f49917ddc96n,
  0x3c968efde3a8a894n, 0x3fef387a6e756238n, 0x3c875e18f274487dn, 0x3fef31ce4fb2a63fn,
  0x3c80472b981fe7f2n, 0x3fef2b4565e27cddn, 0xbc96b87b3f71085en, 0x3fef24dfe1f56381n,
  0x3c82f7e16d09ab31n, 0x3fef1e9df51fdee1n, 0xbc3d219b1a6fbffan, 0x3fef187fd0dad990n,
  0x3c8b3782720c0ab4n, 0x3fef1285a6e4030bn, 0x3c6e149289cecb8fn, 0x3fef0cafa93e2f56n,
  0x3c834d754db0abb6n, 0x3fef06fe0a31b715n, 0x3c864201e2ac744cn, 0x3fef0170fc4cd831n,
  0x3c8fdd395dd3f84an, 0x3feefc08b26416ffn, 0xbc86a3803b8e5b04n, 0x3feef6c55f929ff1n,
  0xbc924aedcc4b5068n, 0x3feef1a7373aa9cbn, 0xbc9907f81b512d8en, 0x3feeecae6d05d866n,
  0xbc71d1e83e9436d2n, 0x3feee7db34e59ff7n, 0xbc991919b3ce1b15n, 0x3feee32dc313a8e5n,
  0x3c859f48a72a4c6dn, 0x3feedea64c123422n, 0xbc9312607a28698an, 0x3feeda4504ac801cn,
  0xbc58a78f4817895bn, 0x3feed60a21f72e2an, 0xbc7c2c9b67499a1bn, 0x3feed1f5d950a897n,
  0x3c4363ed60c2ac11n, 0x3feece086061892dn, 0x3c9666093b0664efn, 0x3feeca41ed1d0057n,
  0x3c6ecce1daa10379n, 0x3feec6a2b5c13cd0n, 0x3c93ff8e3f0f1230n, 0x3feec32af0d7d3den,
  0x3c7690cebb7aafb0n, 0x3feebfdad5362a27n, 0x3c931dbdeb54e077n, 0x3feebcb299fddd0dn,
  0xbc8f94340071a38en, 0x3feeb9b2769d2ca7n, 0xbc87deccdc93a349n, 0x3feeb6daa2cf6642n,
  0xbc78dec6bd0f385fn, 0x3feeb42b569d4f82n, 0xbc861246ec7b5cf6n, 0x3feeb1a4ca5d920fn,
  0x3c93350518fdd78en, 0x3feeaf4736b527dan, 0x3c7b98b72f8a9b05n, 0x3feead12d497c7fdn,
  0x3c9063e1e21c5409n, 0x3feeab07dd485429n, 0x3c34c7855019c6ean, 0x3feea9268a5946b7n,
  0x3c9432e62b64c035n, 0x3feea76f15ad2148n, 0xbc8ce44a6199769fn, 0x3feea5e1b976dc09n,
  0xbc8c33c53bef4da8n, 0x3feea47eb03a5585n, 0xbc845378892be9aen, 0x3feea34634ccc320n,
  0xbc93cedd78565858n, 0x3feea23882552225n, 0x3c5710aa807e1964n, 0x3feea155d44ca973n,
  0xbc93b3efbf5e2228n, 0x3feea09e667f3bcdn, 0xbc6a12ad8734b982n, 0x3feea012750bdabfn,
  0xbc6367efb86da9een, 0x3fee9fb23c651a2fn, 0xbc80dc3d54e08851n, 0x3fee9f7df9519484n,
  0xbc781f647e5a3ecfn, 0x3fee9f75e8ec5f74n, 0xbc86ee4ac08b7db0n, 0x3fee9f9a48a58174n,
  0xbc8619321e55e68an, 0x3fee9feb564267c9n, 0x3c909ccb5e09d4d3n, 0x3feea0694fde5d3fn,
  0xbc7b32dcb94da51dn, 0x3feea11473eb0187n, 0x3c94ecfd5467c06bn, 0x3feea1ed0130c132n,
  0x3c65ebe1abd66c55n, 0x3feea2f336cf4e62n, 0xbc88a1c52fb3cf42n, 0x3feea427543e1a12n,
  0xbc9369b6f13b3734n, 0x3feea589994cce13n, 0xbc805e843a19ff1en, 0x3feea71a4623c7adn,
  0xbc94d450d872576en, 0x3feea8d99b4492edn, 0x3c90ad675b0e8a00n, 0x3feeaac7d98a6699n,
  0x3c8db72fc1f0eab4n, 0x3feeace5422aa0dbn, 0xbc65b6609cc5e7ffn, 0x3feeaf3216b5448cn,
  0x3c7bf68359f35f44n, 0x3feeb1ae99157736n, 0xbc93091fa71e3d83n, 0x3feeb45b0b91ffc6n,
  0xbc5da9b88b6c1e29n, 0x3feeb737b0cdc5e5n, 0xbc6c23f97c90b959n, 0x3feeba44cbc8520fn,
  0xbc92434322f4f9aan, 0x3feebd829fde4e50n, 0xbc85ca6cd7668e4bn, 0x3feec0f170ca07ban,
  0x3c71affc2b91ce27n, 0x3feec49182a3f090n, 0x3c6dd235e10a73bbn, 0x3feec86319e32323n,
  0xbc87c50422622263n, 0x3feecc667b5de565n, 0x3c8b1c86e3e231d5n, 0x3feed09bec4a2d33n,
  0xbc91bbd1d3bcbb15n, 0x3feed503b23e255dn, 0x3c90cc319cee31d2n, 0x3feed99e1330b358n,
  0x3c8469846e735ab3n, 0x3feede6b5579fdbfn, 0xbc82dfcd978e9db4n, 0x3feee36bbfd3f37an,
  0x3c8c1a7792cb3387n, 0x3feee89f995ad3adn, 0xbc907b8f4ad1d9fan, 0x3feeee07298db666n,
  0xbc55c3d956dcaeban, 0x3feef3a2b84f15fbn, 0xbc90a40e3da6f640n, 0x3feef9728de5593an,
  0xbc68d6f438ad9334n, 0x3feeff76f2fb5e47n, 0xbc91eee26b588a35n, 0x3fef05b030a1064an,
  0x3c74ffd70a5fddcdn, 0x3fef0c1e904bc1d2n, 0xbc91bdfbfa9298acn, 0x3fef12c25bd71e09n,
  0x3c736eae30af0cb3n, 0x3fef199bdd85529cn, 0x3c8ee3325c9ffd94n, 0x3fef20ab5fffd07an,
  0x3c84e08fd10959acn, 0x3fef27f12e57d14bn, 0x3c63cdaf384e1a67n, 0x3fef2f6d9406e7b5n,
  0x3c676b2c6c921968n, 0x3fef3720dcef9069n, 0xbc808a1883ccb5d2n, 0x3fef3f0b555dc3fan,
  0xbc8fad5d3ffffa6fn, 0x3fef472d4a07897cn, 0xbc900dae3875a949n, 0x3fef4f87080d89f2n,
  0x3c74a385a63d07a7n, 0x3fef5818dcfba487n, 0xbc82919e2040220fn, 0x3fef60e316c98398n,
  0x3c8e5a50d5c192acn, 0x3fef69e603db3285n, 0x3c843a59ac016b4bn, 0x3fef7321f301b460n,
  0xbc82d52107b43e1fn, 0x3fef7c97337b9b5fn, 0xbc892ab93b470dc9n, 0x3fef864614f5a129n,
  0x3c74b604603a88d3n, 0x3fef902ee78b3ff6n, 0x3c83c5ec519d7271n, 0x3fef9a51fbc74c83n,
  0xbc8ff7128fd391f0n, 0x3fefa4afa2a490dan, 0xbc8dae98e223747dn, 0x3fefaf482d8e67f1n,
  0x3c8ec3bc41aa2008n, 0x3fefba1bee615a27n, 0x3c842b94c3a9eb32n, 0x3fefc52b376bba97n,
  0x3c8a64a931d185een, 0x3fefd0765b6e4540n, 0xbc8e37bae43be3edn, 0x3fefdbfdad9cbe14n,
  0x3c77893b4d91cd9dn, 0x3fefe7c1819e90d8n, 0x3c5305c14160cc89n, 0x3feff3c22b8f71f1n,
]);

/** log: ln2 (hi, lo). */
export const LOG_LN2 = new BigUint64Array([0x3fe62e42fefa3800n, 0x3d2ef35793c76730n]);

/** log: polynomial A0..A4 of log1p(r) - r for the table path. */
export const LOG_POLY = new BigUint64Array([0xbfe0000000000001n, 0x3fd555555551305bn, 0xbfcfffffffeb4590n, 0x3fc999b324f10111n, 0xbfc55575e506c89fn]);

/** log: polynomial B0..B10 for x close to 1. */
export const LOG_POLY1 = new BigUint64Array([
  0xbfe0000000000000n, 0x3fd5555555555577n, 0xbfcffffffffffdcbn, 0x3fc999999995dd0cn,
  0xbfc55555556745a7n, 0x3fc24924a344de30n, 0xbfbfffffa4423d65n, 0x3fbc7184282ad6can,
  0xbfb999eb43b068ffn, 0x3fb78182f7afd085n, 0xbfb5521375d145cdn,
]);

/** log: tab[2i] = bits of 1/c, tab[2i+1] = bits of log(c) for subinterval i. */
export const LOG_TABLE = new BigUint64Array([
  0x3ff734f0c3e0de9fn, 0xbfd7cc7f79e69000n, 0x3ff713786a2ce91fn, 0xbfd76feec20d0000n,
  0x3ff6f26008fab5a0n, 0xbfd713e31351e000n, 0x3ff6d1a61f138c7dn, 0xbfd6b85b38287800n,
  0x3ff6b1490bc5b4d1n, 0xbfd65d5590807800n, 0x3ff69147332f0cban, 0xbfd602d076180000n,
  0x3ff6719f18224223n, 0xbfd5a8ca86909000n, 0x3ff6524f99a51ed9n, 0xbfd54f4356035000n,
  0x3ff63356aa8f24c4n, 0xbfd4f637c36b4000n, 0x3ff614b36b9ddc14n, 0xbfd49da7fda85000n,
  0x3ff5f66452c65c4cn, 0xbfd445923989a800n, 0x3ff5d867b5912c4fn, 0xbfd3edf439b0b800n,
  0x3ff5babccb5b90den, 0xbfd396ce448f7000n, 0x3ff59d61f2d91a78n, 0xbfd3401e17bda000n,
  0x3ff5805612465687n, 0xbfd2e9e2ef468000n, 0x3ff56397cee76bd3n, 0xbfd2941b3830e000n,
  0x3ff54725e2a77f93n, 0xbfd23ec58cda8800n, 0x3ff52aff42064583n, 0xbfd1e9e129279000n,
  0x3ff50f22dbb2bddfn, 0xbfd1956d2b48f800n, 0x3ff4f38f4734ded7n, 0xbfd141679ab9f800n,
  0x3ff4d843cfde2840n, 0xbfd0edd094ef9800n, 0x3ff4bd3ec078a3c8n, 0xbfd09aa518db1000n,
  0x3ff4a27fc3e0258an, 0xbfd047e65263b800n, 0x3ff4880524d48434n, 0xbfcfeb224586f000n,
  0x3ff46dce1b192d0bn, 0xbfcf474a7517b000n, 0x3ff453d9d3391854n, 0xbfcea4443d103000n,
  0x3ff43a2744b4845an, 0xbfce020d44e9b000n, 0x3ff420b54115f8fbn, 0xbfcd60a22977f000n,
  0x3ff40782da3ef4b1n, 0xbfccc00104959000n, 0x3ff3ee8f5d57fe8fn, 0xbfcc202956891000n,
  0x3ff3d5d9a00b4ce9n, 0xbfcb81178d811000n, 0x3ff3bd60c010c12bn, 0xbfcae2c9ccd3d000n,
  0x3ff3a5242b75dab8n, 0xbfca45402e129000n, 0x3ff38d22cd9fd002n, 0xbfc9a877681df000n,
  0x3ff3755bc5847a1cn, 0xbfc90c6d69483000n, 0x3ff35dce49ad36e2n, 0xbfc87120a645c000n,
  0x3ff34679984dd440n, 0xbfc7d68fb4143000n, 0x3ff32f5cceffcb24n, 0xbfc73cb83c627000n,
  0x3ff3187775a10d49n, 0xbfc6a39a9b376000n, 0x3ff301c8373e3990n, 0xbfc60b3154b7a000n,
  0x3ff2eb4ebb95f841n, 0xbfc5737d76243000n, 0x3ff2d50a0219a9d1n, 0xbfc4dc7b8fc23000n,
  0x3ff2bef9a8b7fd2an, 0xbfc4462c51d20000n, 0x3ff2a91c7a0c1babn, 0xbfc3b08abc830000n,
  0x3ff293726014b530n, 0xbfc31b996b490000n, 0x3ff27dfa5757a1f5n, 0xbfc2875490a44000n,
  0x3ff268b39b1d3bbfn, 0xbfc1f3b9f879a000n, 0x3ff2539d838ff5bdn, 0xbfc160c8252ca000n,
  0x3ff23eb7aac9083bn, 0xbfc0ce7f57f72000n, 0x3ff22a012ba940b6n, 0xbfc03cdc49fea000n,
  0x3ff2157996cc4132n, 0xbfbf57bdbc4b8000n, 0x3ff201201dd2fc9bn, 0xbfbe370896404000n,
  0x3ff1ecf4494d480bn, 0xbfbd17983ef94000n, 0x3ff1d8f5528f6569n, 0xbfbbf9674ed8a000n,
  0x3ff1c52311577e7cn, 0xbfbadc79202f6000n, 0x3ff1b17c74cb26e9n, 0xbfb9c0c3e7288000n,
  0x3ff19e010c2c1ab6n, 0xbfb8a646b372c000n, 0x3ff18ab07bb670bdn, 0xbfb78d01b3ac0000n,
  0x3ff1778a25efbcb6n, 0xbfb674f145380000n, 0x3ff1648d354c31dan, 0xbfb55e0e6d878000n,
  0x3ff151b990275fddn, 0xbfb4485cdea1e000n, 0x3ff13f0ea432d24cn, 0xbfb333d94d6aa000n,
  0x3ff12c8b7210f9dan, 0xbfb22079f8c56000n, 0x3ff11a3028ecb531n, 0xbfb10e4698622000n,
  0x3ff107fbda8434afn, 0xbfaffa6c6ad20000n, 0x3ff0f5ee0f4e6bb3n, 0xbfadda8d4a774000n,
  0x3ff0e4065d2a9fcen, 0xbfabbcece4850000n, 0x3ff0d244632ca521n, 0xbfa9a1894012c000n,
  0x3ff0c0a77ce2981an, 0xbfa788583302c000n, 0x3ff0af2f83c636d1n, 0xbfa5715e67d68000n,
  0x3ff09ddb98a01339n, 0xbfa35c8a49658000n, 0x3ff08cabaf52e7dfn, 0xbfa149e364154000n,
  0x3ff07b9f2f4e28fbn, 0xbf9e72c082eb8000n, 0x3ff06ab58c358f19n, 0xbf9a55f152528000n,
  0x3ff059eea5ecf92cn, 0xbf963d62cf818000n, 0x3ff04949cdd12c90n, 0xbf9228fb8caa0000n,
  0x3ff038c6c6f0ada9n, 0xbf8c317b20f90000n, 0x3ff02865137932a9n, 0xbf8419355daa0000n,
  0x3ff0182427ea7348n, 0xbf781203c2ec0000n, 0x3ff008040614b195n, 0xbf60040979240000n,
  0x3fefe01ff726fa1an, 0x3f6feff384900000n, 0x3fefa11cc261ea74n, 0x3f87dc41353d0000n,
  0x3fef6310b081992en, 0x3f93cea3c4c28000n, 0x3fef25f63ceeadcdn, 0x3f9b9fc114890000n,
  0x3feee9c8039113e7n, 0x3fa1b0d8ce110000n, 0x3feeae8078cbb1abn, 0x3fa58a5bd001c000n,
  0x3fee741aa29d0c9bn, 0x3fa95c8340d88000n, 0x3fee3a91830a99b5n, 0x3fad276aef578000n,
  0x3fee01e009609a56n, 0x3fb07598e598c000n, 0x3fedca01e577bb98n, 0x3fb253f5e30d2000n,
  0x3fed92f20b7c9103n, 0x3fb42edd8b380000n, 0x3fed5cac66fb5ccen, 0x3fb606598757c000n,
  0x3fed272caa5ede9dn, 0x3fb7da76356a0000n, 0x3fecf26e3e6b2ccdn, 0x3fb9ab434e1c6000n,
  0x3fecbe6da2a77902n, 0x3fbb78c7bb0d6000n, 0x3fec8b266d37086dn, 0x3fbd431332e72000n,
  0x3fec5894bd5d5804n, 0x3fbf0a3171de6000n, 0x3fec26b533bb9f8cn, 0x3fc067152b914000n,
  0x3febf583eeece73fn, 0x3fc147858292b000n, 0x3febc4fd75db96c1n, 0x3fc2266ecdca3000n,
  0x3feb951e0c864a28n, 0x3fc303d7a6c55000n, 0x3feb65e2c5ef3e2cn, 0x3fc3dfc33c331000n,
  0x3feb374867c9888bn, 0x3fc4ba366b7a8000n, 0x3feb094b211d304an, 0x3fc5933928d1f000n,
  0x3feadbe885f2ef7en, 0x3fc66acd2418f000n, 0x3feaaf1d31603da2n, 0x3fc740f8ec669000n,
  0x3fea82e63fd358a7n, 0x3fc815c0f51af000n, 0x3fea5740ef09738bn, 0x3fc8e92954f68000n,
  0x3fea2c2a90ab4b27n, 0x3fc9bb3602f84000n, 0x3fea01a01393f2d1n, 0x3fca8bed1c2c0000n,
  0x3fe9d79f24db3c1bn, 0x3fcb5b515c01d000n, 0x3fe9ae2505c7b190n, 0x3fcc2967ccbcc000n,
  0x3fe9852ef297ce2fn, 0x3fccf635d5486000n, 0x3fe95cbaeea44b75n, 0x3fcdc1bd3446c000n,
  0x3fe934c69de74838n, 0x3fce8c01b8cfe000n, 0x3fe90d4f2f6752e6n, 0x3fcf5509c0179000n,
  0x3fe8e6528effd79dn, 0x3fd00e6c121fb800n, 0x3fe8bfce9fcc007cn, 0x3fd071b80e93d000n,
  0x3fe899c0dabec30en, 0x3fd0d46b9e867000n, 0x3fe87427aa2317fbn, 0x3fd13687334bd000n,
  0x3fe84f00acb39a08n, 0x3fd1980d67234800n, 0x3fe82a49e8653e55n, 0x3fd1f8ffe0cc8000n,
  0x3fe8060195f40260n, 0x3fd2595fd7636800n, 0x3fe7e22563e0a329n, 0x3fd2b9300914a800n,
  0x3fe7beb377dcb5adn, 0x3fd3187210436000n, 0x3fe79baa679725c2n, 0x3fd377266dec1800n,
  0x3fe77907f2170657n, 0x3fd3d54ffbaf3000n, 0x3fe756cadbd6130cn, 0x3fd432eee32fe000n,
]);
